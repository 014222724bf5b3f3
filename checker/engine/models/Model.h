// API models: which declarations of a library are which abstract operations
// of the engine.  The engine recognises library code only through a model,
// by declaration (the qualified name of the class template, function or
// method), never by spelling at the call site, so aliases, `auto`, typedefs,
// templates and macros all resolve alike.  Supporting another library means
// another table in this directory (see docs/models.md), not engine changes.
#pragma once

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"
#include "clang/AST/Type.h"

namespace clang {
class CallExpr;
class CXXConstructExpr;
class CXXRecordDecl;
class FunctionDecl;
} // namespace clang

namespace chcheck {

// What a modelled class is.
enum class TypeRole : std::uint8_t {
  Channel,      // a channel handle (copies share the channel; default = nil)
  Context,      // a context handle: its done() channel is closed on cancel
  Mutex,        // a lock object (identity = its storage)
  WaitGroup,
  Cond,         // a condition variable bound to a lock
  RLocker,      // the read side of an RWMutex as a lock
  LockGuard,    // RAII: locks in the constructor, unlocks in the destructor
  SmartPointer, // points to a heap object; `unique` owns it alone
  Container,    // holds elements (vector, array, map values, ...)
  Callable,     // std::function: holds a lambda or function
  Thread,       // std::thread: starts its callable as a new thread
  Atomic,       // std::atomic<T>: a value whose operations are atomic
  OnceFlag,     // std::once_flag
};

enum class Direction : std::uint8_t { Both, SendOnly, RecvOnly };

// How a channel library departs from Go's channels (chcheck's runtime has
// none of this), and the words its findings use.
struct ChannelSemantics {
  const char *library;       // "Boost.Fiber"
  // The channel is an object, not a handle: its constructor makes it (it is
  // never nil) and it cannot be copied.  Argument of the constructor giving
  // the capacity, -1 for an unbuffered channel.
  int constructorCapacityArg = -1;
  unsigned reservedSlots = 0;      // a channel of capacity N buffers N - reservedSlots values
  bool capacityPowerOfTwo = false; // the constructor throws unless the capacity is a power of two >= 2
  const char *invalidCapacityThrows = nullptr; // what it throws then
  // Operations return a status: a send on a closed channel returns
  // `closedStatus` (the value is dropped) instead of panicking, and a
  // receive into an argument returns `successStatus` or `closedStatus`.
  std::int64_t successStatus = 0, closedStatus = 0;
  const char *closedStatusName = nullptr;  // "channel_op_status::closed"
  const char *closedRecvThrows = nullptr;  // a value-returning receive on a closed, drained channel throws this
  bool closeIsIdempotent = false;          // a second close does nothing
  // A send on a closed channel throws this instead (the path ends there, as
  // at a panic); null: it panics (Go) or returns closedStatus.
  const char *closedSendThrows = nullptr;
  // What findings call a send and a send that does not block; null: Go's words.
  const char *sendName = nullptr;     // "push"
  const char *trySendName = nullptr;  // "try_push (or timed push)"
};

struct TypeModel {
  const char *qualifiedName; // "chan::Chan", "std::mutex"
  TypeRole role;
  Direction direction = Direction::Both; // Channel
  bool recursive = false;    // Mutex: may be re-locked by its holder
  bool readWrite = false;    // Mutex: has a shared (read) side
  bool unique = false;       // SmartPointer: unique_ptr; LockGuard: movable, may not own (unique_lock)
  bool sharedGuard = false;  // LockGuard: takes the read side (shared_lock)
  bool multi = false;        // LockGuard: locks all its arguments at once (scoped_lock)
  bool mapLike = false;      // Container: elements are a key's mapped value
  bool writerPriority = false; // Mutex: a writer waiting for readers blocks new readers (Go's RWMutex)
  const ChannelSemantics *semantics = nullptr; // Channel: null for Go's semantics
  const char *threadNoun = nullptr;  // Thread: what findings call one ("fiber"); null: "goroutine"
};

enum class Op : std::uint8_t {
  // Channels (the object is the channel handle).
  MakeChan, Send, Recv, RecvOk, Close, RangeBegin, Len,
  RecvInto,             // receives into argument extraArg, returns a status (ChannelSemantics)
  TrySend, TryRecvInto, // do not block (or wait only until a timeout): a select with a default
                        // case; their status is not followed
  ChannelReset,         // the channel object is open and empty again, as if made anew
  ChannelQuery,         // asks the channel's state (Asio's is_open()): code may branch on the
                        // answer, which is not followed, so what the channel's state is is forgotten
  SelectRecvCase, SelectSendCase, SelectDefaultCase, Select,
  Go,
  // Sync objects (the object is the lock, WaitGroup or Cond).
  WgAdd, WgDone, WgWait,
  Lock, Unlock, TryLock, LockShared, UnlockShared, TryLockShared,
  LockAll,              // std::lock(a, b, ...): all at once, deadlock-free
  RLockerOf,            // rw.rlocker()
  CondWait, CondSignal, CondBroadcast,
  // Contexts and timers.
  Background, WithCancel, WithTimeout, CtxDone, After,
  // Plumbing of the standard library the engine follows values through.
  Allocate,             // make_shared / make_unique: a new heap object
  PointerGet,           // ->, *, get(): the pointee
  PointerReset,         // reset(): destroys the pointee (unique) and sets null
  PointerRelease,       // release(): gives up ownership, sets null
  ElementAccess,        // operator[], at, front, back: an element
  ElementInsert,        // push_back, emplace_back, push_front, insert: a new element (extraArg: the value)
  ElementGrow,          // resize, emplace_back(): new default (nil) elements
  // A sequence container's size (the explorer runs loops over it exactly
  // when the code makes it certain): push_back and the like are
  // ElementInsert (one more), resize ElementGrow (its argument).
  ContainerSize,        // size(): the number of elements
  ElementRemove,        // pop_back, pop_front: one fewer
  ContainerClear,       // clear(): none
  ContainerReshape,     // insert, erase, assign, swap, ...: a size we do not compute
  Invoke,               // std::function::operator()
  CallOnce,             // std::call_once(flag, f, args...)
  AtomicLoad, AtomicStore, AtomicExchange, AtomicCompareExchange,
  ThreadJoin,
  Reference,            // std::ref(x): x, passed on by reference (to a thread's callable)
  GuardLock, GuardUnlock, GuardTryLock, GuardRelease, // unique_lock's own lock/unlock/...
};

const char *opName(Op op);

struct CallModel {
  const char *qualifiedName; // "chan::Chan::send" (a method of a class template) or "chan::make"
  Op op;
  int objectArg = -1;        // -1: the implicit object; otherwise the argument index
  int extraArg = -1;         // MakeChan: capacity; Select*Case: callback; Go: callable; WgAdd: delta;
                             // RecvInto, TryRecvInto: where the value goes; TrySend: the value;
                             // ElementInsert: value; CallOnce: callable; AtomicStore/Exchange: value;
                             // Send: the value (default 0)
  // An asynchronous operation (Asio's async_send): it is `op` only when its
  // result is co_awaited and its last argument is of this class (a token
  // whose errors throw in the coroutine, which waits for the operation);
  // with any other completion token the completion runs in code the engine
  // does not follow, and the call is an unknown call of the library.
  const char *awaitedWith = nullptr;
};

struct ApiModel {
  const char *name;
  // The library's own namespace: its function bodies are the model, not
  // user code, so they are neither analysed nor summarised.
  const char *libraryNamespace;
  llvm::ArrayRef<TypeModel> types;
  llvm::ArrayRef<CallModel> calls;
};

// Every model the engine knows (Models.cpp).
llvm::ArrayRef<const ApiModel *> allModels();

// Answers "what is this type" and "which operation is this call" for the
// models in use, caching per declaration.
class ModelIndex {
public:
  explicit ModelIndex(llvm::ArrayRef<const ApiModel *> models);

  const TypeModel *typeModel(clang::QualType t);
  const TypeModel *typeModel(const clang::CXXRecordDecl *rd);
  bool is(clang::QualType t, TypeRole role) {
    const TypeModel *m = typeModel(t);
    return m && m->role == role;
  }
  bool isChannel(clang::QualType t) { return is(t, TypeRole::Channel); }
  // The operation a call performs, or null.  Member calls are looked up by
  // the class template of the object's static type, so a method inherited
  // from an implementation base still resolves to the modelled type.
  const CallModel *callModel(const clang::CallExpr *call);
  // Whether `d` belongs to a modelled library (its bodies are not user code).
  bool inModelledLibrary(const clang::Decl *d) const;

private:
  llvm::StringMap<const TypeModel *> typesByName_;
  llvm::StringMap<const CallModel *> callsByName_;
  std::vector<const char *> namespaces_;
  llvm::DenseMap<const clang::CXXRecordDecl *, const TypeModel *> typeCache_;
  llvm::DenseMap<std::pair<const clang::FunctionDecl *, const clang::CXXRecordDecl *>,
                 const CallModel *>
      callCache_;
};

} // namespace chcheck
