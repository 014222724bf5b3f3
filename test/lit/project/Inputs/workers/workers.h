// A producer started as a goroutine by name, defined in workers.cpp; the
// functions that start it are in spawn.cpp.
#pragma once
#include <chan/chan.hpp>

void produce(chan::Chan<int> out, chan::Chan<chan::Unit> done);
void stop(chan::Chan<int> results);
