// RUN: %expect_exit 1 %chcheck --enable CH204 %s -- -std=c++20 -I%runtime_include | FileCheck %s --implicit-check-not='{{error|warning}}:'
#include <chan/chan.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <thread>
#include <vector>

// CH204 lock-order-inversion: two locks taken in opposite orders by threads
// that may run at the same time.  Reported cases first (member mutexes of one
// class, a callee locking under its caller's lock, one field of two known
// objects, globals, the starting function itself, a read lock against a
// write lock, one body started in a loop); then what must stay silent.

// ---- reported ----

// Two member mutexes taken in opposite orders by two methods, each run on
// its own std::thread.
class Bank {
public:
  void audit() {
    std::lock_guard<std::mutex> a(accounts_mu_);
    std::lock_guard<std::mutex> l(log_mu_);
    // CHECK: :[[@LINE-1]]:33: warning: possible deadlock: mutexes 'Bank::accounts_mu_' and 'Bank::log_mu_' are taken in opposite orders by threads that may run at the same time: 'Bank::accounts_mu_' then 'Bank::log_mu_' at CH204-lock-order-inversion.cpp:[[@LINE-1]] via Bank::audit; 'Bank::log_mu_' then 'Bank::accounts_mu_' at CH204-lock-order-inversion.cpp:[[@LINE+11]] via Bank::journal: each may hold one and wait for the other [CH204 lock-order-inversion]
    // CHECK: :[[@LINE+21]]:15: note: 'run_bank' starts a thread here
    // CHECK: :[[@LINE-4]]:33: note: the thread started at line [[@LINE+20]] takes 'Bank::accounts_mu_' here
    // CHECK: :[[@LINE-4]]:33: note: the thread started at line [[@LINE+19]] then waits for 'Bank::log_mu_' here
    // CHECK: :[[@LINE+19]]:15: note: 'run_bank' starts a thread here
    // CHECK: :[[@LINE+5]]:33: note: the thread started at line [[@LINE+18]] takes 'Bank::log_mu_' here
    // CHECK: :[[@LINE+5]]:33: note: the thread started at line [[@LINE+17]] then waits for 'Bank::accounts_mu_' here
    ++audits_;
  }
  void journal() {
    std::lock_guard<std::mutex> l(log_mu_);
    std::lock_guard<std::mutex> a(accounts_mu_);
    // CHECK: :[[@LINE-1]]:33: warning: possible deadlock: mutexes 'Bank::log_mu_' and 'Bank::accounts_mu_' are taken in opposite orders by threads that may run at the same time: 'Bank::log_mu_' then 'Bank::accounts_mu_' at CH204-lock-order-inversion.cpp:[[@LINE-1]] via Bank::journal; 'Bank::accounts_mu_' then 'Bank::log_mu_' at CH204-lock-order-inversion.cpp:[[@LINE-13]] via Bank::audit: each may hold one and wait for the other [CH204 lock-order-inversion]
    ++entries_;
  }

private:
  std::mutex accounts_mu_, log_mu_;
  int audits_ = 0, entries_ = 0;
};

void run_bank(Bank &bank) {
  std::thread t1(&Bank::audit, &bank);
  std::thread t2(&Bank::journal, &bank);
  t1.join();
  t2.join();
}

// A callee takes its lock under the caller's: Registry::mu_ then Stats::mu_
// in add(), Stats::mu_ then Registry::mu_ in flush().
class Registry;
class Stats {
public:
  void bump() {
    std::lock_guard<std::mutex> g(mu_);
    // CHECK: :[[@LINE-1]]:33: warning: possible deadlock: mutexes 'Registry::mu_' and 'Stats::mu_' are taken in opposite orders by threads that may run at the same time: 'Registry::mu_' then 'Stats::mu_' at CH204-lock-order-inversion.cpp:[[@LINE-1]] via lambda at line [[@LINE+42]] → Registry::add → Stats::bump; 'Stats::mu_' then 'Registry::mu_' at CH204-lock-order-inversion.cpp:[[@LINE+24]] via lambda at line [[@LINE+46]] → Stats::flush → Registry::count: each may hold one and wait for the other [CH204 lock-order-inversion]
    // CHECK: :[[@LINE+41]]:3: note: 'run_registry' starts a goroutine here
    // CHECK: :[[@LINE+17]]:33: note: the goroutine started at line [[@LINE+40]] takes 'Registry::mu_' here
    // CHECK: :[[@LINE-4]]:33: note: the goroutine started at line [[@LINE+39]] then waits for 'Stats::mu_' here
    // CHECK: :[[@LINE+42]]:3: note: 'run_registry' starts a goroutine here
    // CHECK: :[[@LINE+30]]:32: note: the goroutine started at line [[@LINE+41]] takes 'Stats::mu_' here
    // CHECK: :[[@LINE+18]]:33: note: the goroutine started at line [[@LINE+40]] then waits for 'Registry::mu_' here
    ++n_;
  }
  void flush(Registry &r);

private:
  std::mutex mu_;
  int n_ = 0;
};

class Registry {
public:
  void add(Stats &s) {
    std::lock_guard<std::mutex> g(mu_);
    ++items_;
    s.bump();
  }
  int count() {
    std::lock_guard<std::mutex> g(mu_);
    // CHECK: :[[@LINE-1]]:33: warning: possible deadlock: mutexes 'Stats::mu_' and 'Registry::mu_' are taken in opposite orders by threads that may run at the same time: 'Stats::mu_' then 'Registry::mu_' at CH204-lock-order-inversion.cpp:[[@LINE-1]] via lambda at line [[@LINE+21]] → Stats::flush → Registry::count; 'Registry::mu_' then 'Stats::mu_' at CH204-lock-order-inversion.cpp:[[@LINE-26]] via lambda at line [[@LINE+17]] → Registry::add → Stats::bump: each may hold one and wait for the other [CH204 lock-order-inversion]
    return items_;
  }

private:
  std::mutex mu_;
  int items_ = 0;
};

void Stats::flush(Registry &r) {
  std::unique_lock<std::mutex> g(mu_);
  n_ = r.count();
}

void run_registry(Registry &r, Stats &s) {
  chan::WaitGroup wg;
  wg.add(2);
  chan::go([&] {
    r.add(s);
    wg.done();
  });
  chan::go([&] {
    s.flush(r);
    wg.done();
  });
  wg.wait();
}

// The classic transfer(a, b) / transfer(b, a): one field, two known accounts.
struct Account {
  std::mutex mu;
  long balance = 0;
};

void transfer(Account &from, Account &to, long amount) {
  std::lock_guard<std::mutex> f(from.mu);
  std::lock_guard<std::mutex> t(to.mu);
  // CHECK: :[[@LINE-1]]:31: warning: possible deadlock: mutexes 'a.mu' and 'b.mu' are taken in opposite orders by threads that may run at the same time: 'a.mu' then 'b.mu' at CH204-lock-order-inversion.cpp:[[@LINE-1]] via lambda at line [[@LINE+14]] → transfer; 'b.mu' then 'a.mu' at CH204-lock-order-inversion.cpp:[[@LINE-1]] via lambda at line [[@LINE+18]] → transfer: each may hold one and wait for the other [CH204 lock-order-inversion]
  // CHECK: :[[@LINE+13]]:3: note: 'run_transfers' starts a goroutine here
  // CHECK: :[[@LINE-4]]:31: note: the goroutine started at line [[@LINE+12]] takes 'a.mu' here
  // CHECK: :[[@LINE-4]]:31: note: the goroutine started at line [[@LINE+11]] then waits for 'b.mu' here
  // CHECK: :[[@LINE+14]]:3: note: 'run_transfers' starts a goroutine here
  // CHECK: :[[@LINE-7]]:31: note: the goroutine started at line [[@LINE+13]] takes 'b.mu' here
  // CHECK: :[[@LINE-7]]:31: note: the goroutine started at line [[@LINE+12]] then waits for 'a.mu' here
  from.balance -= amount;
  to.balance += amount;
}

void run_transfers() {
  Account a, b;
  auto done = chan::make<int>(2);
  chan::go([&a, &b, done] {
    transfer(a, b, 10);
    done.send(1);
  });
  chan::go([&a, &b, done] {
    transfer(b, a, 5);
    done.send(1);
  });
  done.recv();
  done.recv();
}

// Globals, named functions as goroutine bodies, lock()/unlock() by hand.
std::mutex g_queue_mu, g_stats_mu;
void producer() {
  std::unique_lock<std::mutex> q(g_queue_mu);
  std::lock_guard<std::mutex> s(g_stats_mu);
  // CHECK: :[[@LINE-1]]:31: warning: possible deadlock: mutexes 'g_queue_mu' and 'g_stats_mu' are taken in opposite orders by threads that may run at the same time: 'g_queue_mu' then 'g_stats_mu' at CH204-lock-order-inversion.cpp:[[@LINE-1]] via lambda at line [[@LINE+18]] → producer; 'g_stats_mu' then 'g_queue_mu' at CH204-lock-order-inversion.cpp:[[@LINE+10]] via lambda at line [[@LINE+19]] → consumer: each may hold one and wait for the other [CH204 lock-order-inversion]
  // CHECK: :[[@LINE+17]]:3: note: 'run_globals' starts a goroutine here
  // CHECK: :[[@LINE-4]]:32: note: the goroutine started at line [[@LINE+16]] takes 'g_queue_mu' here
  // CHECK: :[[@LINE-4]]:31: note: the goroutine started at line [[@LINE+15]] then waits for 'g_stats_mu' here
  // CHECK: :[[@LINE+15]]:3: note: 'run_globals' starts a goroutine here
  // CHECK: :[[@LINE+4]]:3: note: the goroutine started at line [[@LINE+14]] takes 'g_stats_mu' here
  // CHECK: :[[@LINE+4]]:3: note: the goroutine started at line [[@LINE+13]] then waits for 'g_queue_mu' here
}
void consumer() {
  g_stats_mu.lock();
  g_queue_mu.lock();
  // CHECK: :[[@LINE-1]]:3: warning: possible deadlock: mutexes 'g_stats_mu' and 'g_queue_mu' are taken in opposite orders by threads that may run at the same time: 'g_stats_mu' then 'g_queue_mu' at CH204-lock-order-inversion.cpp:[[@LINE-1]] via lambda at line [[@LINE+8]] → consumer; 'g_queue_mu' then 'g_stats_mu' at CH204-lock-order-inversion.cpp:[[@LINE-12]] via lambda at line [[@LINE+7]] → producer: each may hold one and wait for the other [CH204 lock-order-inversion]
  g_queue_mu.unlock();
  g_stats_mu.unlock();
}
void run_globals() {
  chan::WaitGroup wg;
  wg.add(2);
  chan::go([&] { producer(); wg.done(); });
  chan::go([&] { consumer(); wg.done(); });
  wg.wait();
}

// The function that starts a thread takes the opposite order before joining it.
struct Cache {
  chan::Mutex index_mu, data_mu;
  void reindex() {
    index_mu.lock();
    data_mu.lock();
    // CHECK: :[[@LINE-1]]:5: warning: possible deadlock: mutexes 'Cache::index_mu' and 'Cache::data_mu' are taken in opposite orders by threads that may run at the same time: 'Cache::index_mu' then 'Cache::data_mu' at CH204-lock-order-inversion.cpp:[[@LINE-1]] via lambda at line [[@LINE+11]] → Cache::reindex; 'Cache::data_mu' then 'Cache::index_mu' at CH204-lock-order-inversion.cpp:[[@LINE+13]] via refresh: each may hold one and wait for the other [CH204 lock-order-inversion]
    // CHECK: :[[@LINE+10]]:15: note: 'refresh' starts a thread here
    // CHECK: :[[@LINE-4]]:5: note: the thread started at line [[@LINE+9]] takes 'Cache::index_mu' here
    // CHECK: :[[@LINE-4]]:5: note: the thread started at line [[@LINE+8]] then waits for 'Cache::data_mu' here
    // CHECK: :[[@LINE+8]]:3: note: 'refresh' takes 'Cache::data_mu' here
    // CHECK: :[[@LINE+8]]:3: note: 'refresh' then waits for 'Cache::index_mu' here
    data_mu.unlock();
    index_mu.unlock();
  }
};
void refresh(Cache &c) {
  std::thread t([&c] { c.reindex(); });
  c.data_mu.lock();
  c.index_mu.lock();
  // CHECK: :[[@LINE-1]]:3: warning: possible deadlock: mutexes 'Cache::data_mu' and 'Cache::index_mu' are taken in opposite orders by threads that may run at the same time: 'Cache::data_mu' then 'Cache::index_mu' at CH204-lock-order-inversion.cpp:[[@LINE-1]] via refresh; 'Cache::index_mu' then 'Cache::data_mu' at CH204-lock-order-inversion.cpp:[[@LINE-15]] via lambda at line [[@LINE-3]] → Cache::reindex: each may hold one and wait for the other [CH204 lock-order-inversion]
  c.index_mu.unlock();
  c.data_mu.unlock();
  t.join();
}

// A read lock held blocks a writer: Index::mu_ read, then Table::mu_; the
// other way round the writer waits for the reader.
struct Table {
  chan::RWMutex mu;
};
struct Index {
  chan::RWMutex mu;
};
void lookup(Index &ix, Table &t) {
  ix.mu.lock_shared();
  t.mu.lock();
  // CHECK: :[[@LINE-1]]:3: warning: possible deadlock: mutexes 'Index::mu' and 'Table::mu' are taken in opposite orders by threads that may run at the same time: 'Index::mu' then 'Table::mu' at CH204-lock-order-inversion.cpp:[[@LINE-1]] via lambda at line [[@LINE+18]] → lookup; 'Table::mu' then 'Index::mu' at CH204-lock-order-inversion.cpp:[[@LINE+11]] via run_index → rebuild: each may hold one and wait for the other [CH204 lock-order-inversion]
  // CHECK: :[[@LINE+17]]:3: note: 'run_index' starts a goroutine here
  // CHECK: :[[@LINE-4]]:3: note: the goroutine started at line [[@LINE+16]] takes 'Index::mu' here
  // CHECK: :[[@LINE-4]]:3: note: the goroutine started at line [[@LINE+15]] then waits for 'Table::mu' here
  // CHECK: :[[@LINE+6]]:3: note: 'run_index' takes 'Table::mu' here
  // CHECK: :[[@LINE+6]]:3: note: 'run_index' then waits for 'Index::mu' here
  t.mu.unlock();
  ix.mu.unlock_shared();
}
void rebuild(Index &ix, Table &t) {
  t.mu.lock();
  ix.mu.lock();
  // CHECK: :[[@LINE-1]]:3: warning: possible deadlock: mutexes 'Table::mu' and 'Index::mu' are taken in opposite orders by threads that may run at the same time: 'Table::mu' then 'Index::mu' at CH204-lock-order-inversion.cpp:[[@LINE-1]] via run_index → rebuild; 'Index::mu' then 'Table::mu' at CH204-lock-order-inversion.cpp:[[@LINE-13]] via lambda at line [[@LINE+6]] → lookup: each may hold one and wait for the other [CH204 lock-order-inversion]
  ix.mu.unlock();
  t.mu.unlock();
}
void run_index(Index &ix, Table &t) {
  auto done = chan::make<int>();
  chan::go([&ix, &t, done] {
    lookup(ix, t);
    done.send(1);
  });
  rebuild(ix, t);
  done.recv();
}

// One goroutine body started in a loop: its instances take the two orders.
struct Shards {
  std::mutex hot, cold;
};
void hot_then_cold(Shards &s) {
  std::lock_guard<std::mutex> h(s.hot);
  std::lock_guard<std::mutex> c(s.cold);
  // CHECK: :[[@LINE-1]]:31: warning: possible deadlock: mutexes 'Shards::hot' and 'Shards::cold' are taken in opposite orders by threads that may run at the same time: 'Shards::hot' then 'Shards::cold' at CH204-lock-order-inversion.cpp:[[@LINE-1]] via lambda at line [[@LINE+23]] → rebalance → hot_then_cold; 'Shards::cold' then 'Shards::hot' at CH204-lock-order-inversion.cpp:[[@LINE+10]] via lambda at line [[@LINE+23]] → rebalance → cold_then_hot: each may hold one and wait for the other [CH204 lock-order-inversion]
  // CHECK: :[[@LINE+22]]:5: note: 'run_shards' starts a goroutine here
  // CHECK: :[[@LINE-4]]:31: note: the goroutine started at line [[@LINE+21]] takes 'Shards::hot' here
  // CHECK: :[[@LINE-4]]:31: note: the goroutine started at line [[@LINE+20]] then waits for 'Shards::cold' here
  // CHECK: :[[@LINE+19]]:5: note: 'run_shards' starts a goroutine here
  // CHECK: :[[@LINE+4]]:31: note: another instance of the goroutine started at line [[@LINE+18]] takes 'Shards::cold' here
  // CHECK: :[[@LINE+4]]:31: note: another instance of the goroutine started at line [[@LINE+17]] then waits for 'Shards::hot' here
}
void cold_then_hot(Shards &s) {
  std::lock_guard<std::mutex> c(s.cold);
  std::lock_guard<std::mutex> h(s.hot);
  // CHECK: :[[@LINE-1]]:31: warning: possible deadlock: mutexes 'Shards::cold' and 'Shards::hot' are taken in opposite orders by threads that may run at the same time: 'Shards::cold' then 'Shards::hot' at CH204-lock-order-inversion.cpp:[[@LINE-1]] via lambda at line [[@LINE+12]] → rebalance → cold_then_hot; 'Shards::hot' then 'Shards::cold' at CH204-lock-order-inversion.cpp:[[@LINE-12]] via lambda at line [[@LINE+12]] → rebalance → hot_then_cold: each may hold one and wait for the other [CH204 lock-order-inversion]
}
void rebalance(Shards &s, int round) {
  if (round % 2 == 0)
    hot_then_cold(s);
  else
    cold_then_hot(s);
}
void run_shards(Shards &s) {
  chan::WaitGroup wg;
  for (int i = 0; i < 4; ++i) {
    wg.add(1);
    chan::go([&s, &wg, i] {
      rebalance(s, i);
      wg.done();
    });
  }
  wg.wait();
}

// A lock wrapper and its RAII guard (leveldb's port::Mutex and MutexLock):
// the guard's constructor keeps the mutex it locks; each mutex member is its
// own lock, shown where the two guards are made.
namespace port {
class Mutex {
public:
  void Lock() { mu_.lock(); }
  void Unlock() { mu_.unlock(); }

private:
  std::mutex mu_;
};
} // namespace port
class MutexLock {
public:
  explicit MutexLock(port::Mutex *mu) : mu_(mu) { mu_->Lock(); }
  ~MutexLock() { mu_->Unlock(); }

private:
  port::Mutex *const mu_;
};
class Db {
public:
  void compact() {
    MutexLock l(&mutex_);
    MutexLock s(&stats_mu_);
    // CHECK: :[[@LINE-1]]:15: warning: possible deadlock: mutexes 'Db::mutex_.mu_' and 'Db::stats_mu_.mu_' are taken in opposite orders by threads that may run at the same time: 'Db::mutex_.mu_' then 'Db::stats_mu_.mu_' at CH204-lock-order-inversion.cpp:[[@LINE-1]] via Db::compact; 'Db::stats_mu_.mu_' then 'Db::mutex_.mu_' at CH204-lock-order-inversion.cpp:[[@LINE+10]] via Db::stats: each may hold one and wait for the other [CH204 lock-order-inversion]
    // CHECK: :[[@LINE+17]]:15: note: 'run_db' starts a thread here
    // CHECK: :[[@LINE-4]]:15: note: the thread started at line [[@LINE+16]] takes 'Db::mutex_.mu_' here
    // CHECK: :[[@LINE-4]]:15: note: the thread started at line [[@LINE+15]] then waits for 'Db::stats_mu_.mu_' here
    // CHECK: :[[@LINE+15]]:15: note: 'run_db' starts a thread here
    // CHECK: :[[@LINE+4]]:15: note: the thread started at line [[@LINE+14]] takes 'Db::stats_mu_.mu_' here
    // CHECK: :[[@LINE+4]]:15: note: the thread started at line [[@LINE+13]] then waits for 'Db::mutex_.mu_' here
  }
  void stats() {
    MutexLock s(&stats_mu_);
    MutexLock l(&mutex_);
    // CHECK: :[[@LINE-1]]:15: warning: possible deadlock: mutexes 'Db::stats_mu_.mu_' and 'Db::mutex_.mu_' are taken in opposite orders by threads that may run at the same time: 'Db::stats_mu_.mu_' then 'Db::mutex_.mu_' at CH204-lock-order-inversion.cpp:[[@LINE-1]] via Db::stats; 'Db::mutex_.mu_' then 'Db::stats_mu_.mu_' at CH204-lock-order-inversion.cpp:[[@LINE-12]] via Db::compact: each may hold one and wait for the other [CH204 lock-order-inversion]
  }

private:
  port::Mutex mutex_, stats_mu_;
};
void run_db(Db &db) {
  std::thread t1(&Db::compact, &db);
  std::thread t2(&Db::stats, &db);
  t1.join();
  t2.join();
}

// A helper drops its caller's lock around a slow step and takes it again
// (a unique_lock passed by reference): the entry's lock, held across the
// call, is then held while it waits for the table's lock.  Two refreshes of
// one entry take the two orders.
struct Entry {
  std::mutex mu;
  int value = 0;
};
class EntryTable {
public:
  void refresh(int key) {
    std::unique_lock<std::mutex> table_lock(mu_);
    std::shared_ptr<Entry> entry = find(key);
    if (!entry)
      return;
    std::lock_guard<std::mutex> entry_lock(entry->mu);
    // CHECK: :[[@LINE-1]]:33: warning: possible deadlock: mutexes 'EntryTable::mu_' and 'Entry::mu' are taken in opposite orders by threads that may run at the same time: 'EntryTable::mu_' then 'Entry::mu' at CH204-lock-order-inversion.cpp:[[@LINE-1]] via lambda at line [[@LINE+30]] → EntryTable::refresh; 'Entry::mu' then 'EntryTable::mu_' at CH204-lock-order-inversion.cpp:[[@LINE+18]] via lambda at line [[@LINE+30]] → EntryTable::refresh → EntryTable::reload: each may hold one and wait for the other [CH204 lock-order-inversion]
    // CHECK: :[[@LINE+29]]:5: note: 'refresh_twice' starts a goroutine here
    // CHECK: :[[@LINE-7]]:34: note: the goroutine started at line [[@LINE+28]] takes 'EntryTable::mu_' here
    // CHECK: :[[@LINE-4]]:33: note: the goroutine started at line [[@LINE+27]] then waits for 'Entry::mu' here
    // CHECK: :[[@LINE+26]]:5: note: 'refresh_twice' starts a goroutine here
    // CHECK: :[[@LINE-6]]:33: note: another instance of the goroutine started at line [[@LINE+25]] takes 'Entry::mu' here
    // CHECK: :[[@LINE+12]]:5: note: another instance of the goroutine started at line [[@LINE+24]] then waits for 'EntryTable::mu_' here
    reload(table_lock, *entry);
  }

private:
  std::shared_ptr<Entry> find(int key) {
    auto it = entries_.find(key);
    return it == entries_.end() ? nullptr : it->second;
  }
  void reload(std::unique_lock<std::mutex> &table_lock, Entry &entry) {
    table_lock.unlock(); // loading is slow: let other lookups in
    entry.value = load();
    table_lock.lock();
    // CHECK: :[[@LINE-1]]:5: warning: possible deadlock: mutexes 'Entry::mu' and 'EntryTable::mu_' are taken in opposite orders by threads that may run at the same time: 'Entry::mu' then 'EntryTable::mu_' at CH204-lock-order-inversion.cpp:[[@LINE-1]] via lambda at line [[@LINE+11]] → EntryTable::refresh → EntryTable::reload; 'EntryTable::mu_' then 'Entry::mu' at CH204-lock-order-inversion.cpp:[[@LINE-20]] via lambda at line [[@LINE+11]] → EntryTable::refresh: each may hold one and wait for the other [CH204 lock-order-inversion]
  }
  static int load() { return 42; }

  std::mutex mu_;
  std::map<int, std::shared_ptr<Entry>> entries_;
};
void refresh_twice(EntryTable &table) {
  chan::WaitGroup wg;
  for (int i = 0; i < 2; ++i) {
    wg.add(1);
    chan::go([&table, &wg] {
      table.refresh(1);
      wg.done();
    });
  }
  wg.wait();
}

// The same in one function: the log's index lock is dropped around the
// write and taken again while the file lock is still held.
class WriteAheadLog {
public:
  void append() {
    std::unique_lock<std::mutex> index(index_mu_);
    std::lock_guard<std::mutex> file(file_mu_);
    // CHECK: :[[@LINE-1]]:33: warning: possible deadlock: mutexes 'WriteAheadLog::index_mu_' and 'WriteAheadLog::file_mu_' are taken in opposite orders by threads that may run at the same time: 'WriteAheadLog::index_mu_' then 'WriteAheadLog::file_mu_' at CH204-lock-order-inversion.cpp:[[@LINE-1]] via lambda at line [[@LINE+22]] → WriteAheadLog::append; 'WriteAheadLog::file_mu_' then 'WriteAheadLog::index_mu_' at CH204-lock-order-inversion.cpp:[[@LINE+9]] via lambda at line [[@LINE+22]] → WriteAheadLog::append: each may hold one and wait for the other [CH204 lock-order-inversion]
    // CHECK: :[[@LINE+21]]:5: note: 'append_in_parallel' starts a goroutine here
    // CHECK: :[[@LINE-4]]:34: note: the goroutine started at line [[@LINE+20]] takes 'WriteAheadLog::index_mu_' here
    // CHECK: :[[@LINE-4]]:33: note: the goroutine started at line [[@LINE+19]] then waits for 'WriteAheadLog::file_mu_' here
    // CHECK: :[[@LINE+18]]:5: note: 'append_in_parallel' starts a goroutine here
    // CHECK: :[[@LINE-6]]:33: note: another instance of the goroutine started at line [[@LINE+17]] takes 'WriteAheadLog::file_mu_' here
    // CHECK: :[[@LINE+3]]:5: note: another instance of the goroutine started at line [[@LINE+16]] then waits for 'WriteAheadLog::index_mu_' here
    index.unlock();
    ++written_;
    index.lock();
    // CHECK: :[[@LINE-1]]:5: warning: possible deadlock: mutexes 'WriteAheadLog::file_mu_' and 'WriteAheadLog::index_mu_' are taken in opposite orders by threads that may run at the same time: 'WriteAheadLog::file_mu_' then 'WriteAheadLog::index_mu_' at CH204-lock-order-inversion.cpp:[[@LINE-1]] via lambda at line [[@LINE+12]] → WriteAheadLog::append; 'WriteAheadLog::index_mu_' then 'WriteAheadLog::file_mu_' at CH204-lock-order-inversion.cpp:[[@LINE-11]] via lambda at line [[@LINE+12]] → WriteAheadLog::append: each may hold one and wait for the other [CH204 lock-order-inversion]
    ++entries_;
  }

private:
  std::mutex index_mu_, file_mu_;
  int written_ = 0, entries_ = 0;
};
void append_in_parallel(WriteAheadLog &journal) {
  chan::WaitGroup wg;
  for (int i = 0; i < 2; ++i) {
    wg.add(1);
    chan::go([&journal, &wg] {
      journal.append();
      wg.done();
    });
  }
  wg.wait();
}

// ---- nothing below may be reported ----

// One order everywhere, through helpers.
class Journal {
public:
  void append() {
    std::lock_guard<std::mutex> g(mu_);
    ++lines_;
  }
private:
  std::mutex mu_;
  int lines_ = 0;
};
class Ledger {
public:
  void post(Journal &j) {
    std::lock_guard<std::mutex> g(mu_);
    ++posts_;
    j.append();
  }
  void close_day(Journal &j) {
    std::unique_lock<std::mutex> g(mu_);
    j.append();
    j.append();
  }
private:
  std::mutex mu_;
  int posts_ = 0;
};
void run_ledger(Ledger &l, Journal &j) {
  std::thread t1([&] { l.post(j); });
  std::thread t2([&] { l.close_day(j); });
  t1.join();
  t2.join();
}

// scoped_lock(a, b) here and scoped_lock(b, a) there: each takes both at once.
struct Pair {
  std::mutex left, right;
  int n = 0;
};
void left_first(Pair &p) {
  std::scoped_lock both(p.left, p.right);
  ++p.n;
}
void right_first(Pair &p) {
  std::scoped_lock both(p.right, p.left);
  --p.n;
}
void run_scoped(Pair &p) {
  chan::WaitGroup wg;
  wg.add(2);
  chan::go([&] { left_first(p); wg.done(); });
  chan::go([&] { right_first(p); wg.done(); });
  wg.wait();
}

// std::lock with adopting guards, in opposite argument orders.
struct Slots {
  std::mutex a, b;
};
void lock_ab(Slots &s) {
  std::lock(s.a, s.b);
  std::lock_guard<std::mutex> ga(s.a, std::adopt_lock);
  std::lock_guard<std::mutex> gb(s.b, std::adopt_lock);
}
void lock_ba(Slots &s) {
  std::unique_lock<std::mutex> gb(s.b, std::defer_lock);
  std::unique_lock<std::mutex> ga(s.a, std::defer_lock);
  std::lock(gb, ga);
}
void run_std_lock(Slots &s) {
  std::thread t1(lock_ab, std::ref(s));
  std::thread t2(lock_ba, std::ref(s));
  t1.join();
  t2.join();
}

// RAII scopes: the first lock is released before the second is taken.
struct Buffers {
  std::mutex in_mu, out_mu;
  int in = 0, out = 0;
  void move_one() {
    {
      std::lock_guard<std::mutex> g(in_mu);
      --in;
    }
    std::lock_guard<std::mutex> g(out_mu);
    ++out;
  }
  void move_back() {
    std::unique_lock<std::mutex> g(out_mu);
    --out;
    g.unlock();
    std::lock_guard<std::mutex> h(in_mu);
    ++in;
  }
};
void run_buffers(Buffers &b) {
  chan::WaitGroup wg;
  wg.add(2);
  chan::go([&] { b.move_one(); wg.done(); });
  chan::go([&] { b.move_back(); wg.done(); });
  wg.wait();
}

// try_lock back-off: the second lock is never waited for.
struct Links {
  std::mutex from, to;
};
void backoff(Links &l) {
  for (;;) {
    l.from.lock();
    if (l.to.try_lock()) {
      l.to.unlock();
      l.from.unlock();
      return;
    }
    l.from.unlock();
  }
}
void straight(Links &l) {
  std::lock_guard<std::mutex> t(l.to);
  std::lock_guard<std::mutex> f(l.from);
}
void run_backoff(Links &l) {
  std::thread t1(backoff, std::ref(l));
  std::thread t2(straight, std::ref(l));
  t1.join();
  t2.join();
}

// Both orders, but on one thread only: nothing runs at the same time.
struct Config {
  chan::Mutex names_mu, values_mu;
};
void names_then_values(Config &c) {
  c.names_mu.lock();
  c.values_mu.lock();
  c.values_mu.unlock();
  c.names_mu.unlock();
}
void values_then_names(Config &c) {
  std::lock_guard<chan::Mutex> v(c.values_mu);
  std::lock_guard<chan::Mutex> n(c.names_mu);
}
void reload(Config &c) {
  names_then_values(c);
  values_then_names(c);
}
void run_reload(Config &c) {
  auto done = chan::make<int>();
  chan::go([&c, done] {
    reload(c);
    done.close();
  });
  done.recv();
}

// Both orders under a common lock: the gate keeps them apart.
struct Gated {
  std::mutex gate, x, y;
  void xy() {
    std::lock_guard<std::mutex> g(gate);
    std::lock_guard<std::mutex> a(x);
    std::lock_guard<std::mutex> b(y);
  }
  void yx() {
    std::lock_guard<std::mutex> g(gate);
    std::lock_guard<std::mutex> b(y);
    std::lock_guard<std::mutex> a(x);
  }
};
void run_gated(Gated &g) {
  std::thread t1(&Gated::xy, &g);
  std::thread t2(&Gated::yx, &g);
  t1.join();
  t2.join();
}

// Two read locks do not block each other.
struct Catalog {
  std::shared_mutex items_mu;
  std::mutex log_mu;
  void read_then_log() {
    std::shared_lock<std::shared_mutex> r(items_mu);
    std::lock_guard<std::mutex> l(log_mu);
  }
  void log_then_read() {
    std::lock_guard<std::mutex> l(log_mu);
    std::shared_lock<std::shared_mutex> r(items_mu);
  }
};
void run_catalog(Catalog &c) {
  std::thread t1(&Catalog::read_then_log, &c);
  std::thread t2(&Catalog::log_then_read, &c);
  t1.join();
  t2.join();
}

// The first thread is joined before the second starts.
struct Phases {
  std::mutex p, q;
};
void run_phases(Phases &ph) {
  std::thread t1([&ph] {
    std::lock_guard<std::mutex> a(ph.p);
    std::lock_guard<std::mutex> b(ph.q);
  });
  t1.join();
  std::thread t2([&ph] {
    std::lock_guard<std::mutex> b(ph.q);
    std::lock_guard<std::mutex> a(ph.p);
  });
  t2.join();
}

// Two phases: the first phase's goroutines are waited for before the second
// starts, so the two orders never overlap.
struct Report {
  chan::Mutex header_mu, body_mu;
};
void run_phases_wg(Report &r) {
  chan::WaitGroup wg;
  wg.add(1);
  chan::go([&] {
    std::lock_guard<chan::Mutex> h(r.header_mu);
    std::lock_guard<chan::Mutex> b(r.body_mu);
    wg.done();
  });
  wg.wait();
  wg.add(1);
  chan::go([&] {
    std::lock_guard<chan::Mutex> b(r.body_mu);
    std::lock_guard<chan::Mutex> h(r.header_mu);
    wg.done();
  });
  wg.wait();
}

// The goroutine closes `done` when it has finished; the function takes the
// opposite order only after receiving from it.
struct Index2 {
  chan::Mutex keys_mu, vals_mu;
};
void sync_then_compact(Index2 &ix) {
  auto done = chan::make<chan::Unit>();
  chan::go([&ix, done] {
    ix.keys_mu.lock();
    ix.vals_mu.lock();
    ix.vals_mu.unlock();
    ix.keys_mu.unlock();
    done.close();
  });
  done.recv();
  std::lock_guard<chan::Mutex> v(ix.vals_mu);
  std::lock_guard<chan::Mutex> k(ix.keys_mu);
}

// Transfers ordered by id: the function picks the order, on both branches.
struct OrderedAccount {
  int id = 0;
  std::mutex mu;
  long balance = 0;
};
void ordered_transfer(OrderedAccount &from, OrderedAccount &to, long n) {
  if (from.id < to.id) {
    from.mu.lock();
    to.mu.lock();
  } else {
    to.mu.lock();
    from.mu.lock();
  }
  from.balance -= n;
  to.balance += n;
  to.mu.unlock();
  from.mu.unlock();
}
void run_ordered() {
  OrderedAccount a, b;
  b.id = 1;
  std::thread t1(ordered_transfer, std::ref(a), std::ref(b), 10);
  std::thread t2(ordered_transfer, std::ref(b), std::ref(a), 5);
  t1.join();
  t2.join();
}

// Accounts from a container: two objects of one class nobody can tell apart.
struct Wallet {
  std::mutex mu;
  long balance = 0;
};
void pay(Wallet &from, Wallet &to) {
  std::lock_guard<std::mutex> f(from.mu);
  std::lock_guard<std::mutex> t(to.mu);
}
void run_wallets(std::vector<Wallet> &ws) {
  chan::WaitGroup wg;
  for (std::size_t i = 0; i + 1 < ws.size(); ++i) {
    wg.add(1);
    chan::go([&ws, &wg, i] {
      pay(ws[i], ws[i + 1]);
      wg.done();
    });
  }
  wg.wait();
}

// Hand-over-hand down a list: a node's lock, then its successor's, in every
// thread.  Node::mu then Node::mu is one class twice: no order can be told.
struct ListNode {
  std::mutex mu;
  ListNode *next = nullptr;
  int value = 0;
};
void bump_pair(ListNode &head) {
  std::lock_guard<std::mutex> a(head.mu);
  if (head.next) {
    std::lock_guard<std::mutex> b(head.next->mu);
    head.next->value += head.value;
  }
}
void run_coupling(ListNode &head) {
  std::thread t1(bump_pair, std::ref(head));
  std::thread t2([&head] { bump_pair(*head.next); });
  t1.join();
  t2.join();
}

// A mutex behind a pointer that could be any mutex.
struct Router {
  std::mutex table_mu;
  std::mutex stats_mu;
};
void with_table(Router &r, std::mutex *extra) {
  std::lock_guard<std::mutex> t(r.table_mu);
  std::lock_guard<std::mutex> e(*extra);
}
void stats_then_table(Router &r) {
  std::lock_guard<std::mutex> s(r.stats_mu);
  std::lock_guard<std::mutex> t(r.table_mu);
}
void run_router(Router &r, std::mutex *m) {
  std::thread t1(with_table, std::ref(r), m);
  std::thread t2(stats_then_table, std::ref(r));
  t1.join();
  t2.join();
}

// A recursive mutex taken again by its holder is no order.
struct Tree {
  std::recursive_mutex mu;
  std::mutex io_mu;
  void visit() {
    std::lock_guard<std::recursive_mutex> g(mu);
    std::lock_guard<std::recursive_mutex> again(mu);
  }
  void dump() {
    std::lock_guard<std::mutex> io(io_mu);
  }
};
void run_tree(Tree &t) {
  std::thread t1(&Tree::visit, &t);
  std::thread t2(&Tree::dump, &t);
  t1.join();
  t2.join();
}

// A lock held only during construction, before the object is shared.
struct Hub;
struct Session {
  std::mutex mu;
  explicit Session(Hub &hub);
};
struct Hub {
  std::mutex mu;
  std::vector<std::shared_ptr<Session>> sessions;
  void broadcast() {
    std::lock_guard<std::mutex> h(mu);
    for (auto &s : sessions) {
      std::lock_guard<std::mutex> g(s->mu);
    }
  }
};
Session::Session(Hub &hub) {
  std::lock_guard<std::mutex> g(mu);
  std::lock_guard<std::mutex> h(hub.mu);
}
void run_hub(Hub &hub) {
  std::thread t1([&hub] { auto s = std::make_shared<Session>(hub); });
  std::thread t2(&Hub::broadcast, &hub);
  t1.join();
  t2.join();
}

int main() {}

// The table's lock is dropped and taken again before the entry's lock: one
// order (Table::mu_, then Entry::mu) everywhere.
class SafeTable {
public:
  void refresh(int key) {
    std::unique_lock<std::mutex> table_lock(mu_);
    std::shared_ptr<Entry> entry = find(key);
    if (!entry)
      return;
    int value = reload(table_lock);
    std::lock_guard<std::mutex> entry_lock(entry->mu);
    entry->value = value;
  }

private:
  std::shared_ptr<Entry> find(int key) {
    auto it = entries_.find(key);
    return it == entries_.end() ? nullptr : it->second;
  }
  int reload(std::unique_lock<std::mutex> &table_lock) {
    table_lock.unlock();
    int value = 42;
    table_lock.lock();
    return value;
  }

  std::mutex mu_;
  std::map<int, std::shared_ptr<Entry>> entries_;
};
void refresh_safe_twice(SafeTable &table) {
  chan::WaitGroup wg;
  for (int i = 0; i < 2; ++i) {
    wg.add(1);
    chan::go([&table, &wg] {
      table.refresh(1);
      wg.done();
    });
  }
  wg.wait();
}

// The file lock is released before the index lock is taken again.
class SafeWriteAheadLog {
public:
  void append() {
    std::unique_lock<std::mutex> index(index_mu_);
    std::unique_lock<std::mutex> file(file_mu_);
    index.unlock();
    ++written_;
    file.unlock();
    index.lock();
    ++entries_;
  }

private:
  std::mutex index_mu_, file_mu_;
  int written_ = 0, entries_ = 0;
};
void append_safely_in_parallel(SafeWriteAheadLog &journal) {
  chan::WaitGroup wg;
  for (int i = 0; i < 2; ++i) {
    wg.add(1);
    chan::go([&journal, &wg] {
      journal.append();
      wg.done();
    });
  }
  wg.wait();
}
