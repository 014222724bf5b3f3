// Summaries of functions for other translation units (Export.cpp).
#pragma once

#include "Interpreter.h"
#include "../skeleton/Reach.h"

#include "chcheck/Engine.h"
#include "chcheck/Summaries.h"

#include <optional>
#include <set>

namespace chcheck::lifecycle {

// Whether callers in other files may use a summary of `fd` (whose body may
// do `reach`): external linkage, defined in the main file and not inline
// (an inline function's body is in every file that calls it).
bool exportable(const clang::FunctionDecl *fd, ir::KindSet reach, const clang::SourceManager &sm);

// Collects the operations of one run of a function as the analysed function
// on the channels its caller handed it; `finish` turns them into a summary.
class SummaryRecorder {
public:
  SummaryRecorder(Interpreter &interp, const ir::Skeleton &sk, ir::KindSet reach);
  void observe(const OpObservation &o, const State &s);
  // `exits`: the function's normal exits; `writes`: every place written.
  std::optional<FunctionSummary> finish(const Disjunction &exits, const std::set<PlaceId> &writes,
                                        const clang::SourceManager &sm);

private:
  bool own(PlaceId concrete) const; // a parameter's or the object's place
  std::optional<SummaryPath> path(PlaceId concrete) const;

  struct Seen {
    bool close;
    ObjId channel;
    clang::SourceLocation at;
    std::vector<std::pair<PlaceId, bool>> guards; // its parameters' flags known there
  };
  Interpreter &I;
  const ir::Skeleton &sk_;
  ir::KindSet reach_;
  std::vector<Seen> seen_;
};

} // namespace chcheck::lifecycle
