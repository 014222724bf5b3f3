// corpus: safe/lifecycle_owner_destructor_delete
// origin: precision suite
// mechanism: Stage objects close their output channel in the destructor; they are owned by a std::vector<std::unique_ptr<Stage>> (clear() destroys each once) and one by a raw pointer released with delete; every send through a stage precedes its destruction, and each stage has its own channel.
// run: exit0
#include <chan/chan.hpp>

#include <memory>
#include <string>
#include <vector>

class Stage {
 public:
  explicit Stage(std::string name) : name_(std::move(name)), out_(chan::make<std::string>(4)) {}
  virtual ~Stage() { out_.close(); }

  virtual void process(int item) { out_.send(name_ + "#" + std::to_string(item)); }
  chan::RecvChan<std::string> out() const { return out_; }

 protected:
  std::string name_;
  chan::Chan<std::string> out_;
};

class LoudStage : public Stage {
 public:
  using Stage::Stage;
  void process(int item) override {
    Stage::process(item);
    out_.send(name_ + "!");
  }
};

int drain(chan::RecvChan<std::string> in) {
  int n = 0;
  for (const std::string& s : in)
    n += s.empty() ? 0 : 1;
  return n;
}

int main() {
  std::vector<std::unique_ptr<Stage>> stages;
  stages.push_back(std::make_unique<Stage>("parse"));
  stages.push_back(std::make_unique<LoudStage>("alert"));

  std::vector<chan::RecvChan<std::string>> outputs;
  for (const auto& s : stages)
    outputs.push_back(s->out());

  for (const auto& s : stages)
    s->process(1);
  stages.clear();  // each destructor closes its own channel

  Stage* audit = new Stage("audit");
  chan::RecvChan<std::string> audit_out = audit->out();
  audit->process(7);
  audit->process(8);
  delete audit;

  const int parsed = drain(outputs[0]);
  const int alerted = drain(outputs[1]);
  const int audited = drain(audit_out);
  return parsed == 1 && alerted == 2 && audited == 2 ? 0 : 1;
}
