// The list of live channels and sync objects, sharded by address so that
// creating and destroying objects on many threads does not contend on one
// lock.
#include "objects.hpp"

#include <array>
#include <cstdint>
#include <mutex>

namespace chan::detail {

namespace {

constexpr std::size_t shard_count = 16;

struct shard {
  spin_mutex lock;
  live_object* first = nullptr;
};

std::array<shard, shard_count>& shards() {
  static auto* s = new std::array<shard, shard_count>;  // leaked: objects die during exit
  return *s;
}

shard& shard_of(const live_object* o) {
  return shards()[(reinterpret_cast<std::uintptr_t>(o) >> 6) % shard_count];
}

}  // namespace

live_object::live_object(object_kind k, const void* o) noexcept : kind(k), owner(o) {
  shard& s = shard_of(this);
  std::lock_guard lk(s.lock);
  next = s.first;
  if (next) next->prev = this;
  s.first = this;
}

live_object::~live_object() {
  shard& s = shard_of(this);
  std::lock_guard lk(s.lock);
  if (prev) prev->next = next; else s.first = next;
  if (next) next->prev = prev;
}

void visit_live_objects(void (*visit)(const live_object&, void*), void* context) {
  for (shard& s : shards()) {
    std::lock_guard lk(s.lock);
    for (const live_object* o = s.first; o; o = o->next) visit(*o, context);
  }
}

}  // namespace chan::detail
