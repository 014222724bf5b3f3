#pragma once
// Internal: the list of live channels and sync objects (live_object in
// <chan/detail/core.hpp>), for snapshots.
#include <type_traits>

#include "chan/detail/core.hpp"

namespace chan::detail {

void visit_live_objects(void (*visit)(const live_object&, void*), void* context);

// Calls visit(const live_object&) for every live object, one shard of the
// list at a time with that shard's lock held: an object cannot finish its
// destruction during its visit.  visit may take an object's own lock only
// with try_lock: a thread holding a channel's lock may be destroying another
// channel (a value moved out of a channel of channels) and wait for the
// shard.
template <class Visit>
void for_each_live_object(Visit&& visit) {
  visit_live_objects([](const live_object& o, void* v) { (*static_cast<std::remove_reference_t<Visit>*>(v))(o); },
                     &visit);
}

}  // namespace chan::detail
