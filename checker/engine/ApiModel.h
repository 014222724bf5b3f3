// API models: which declarations of a channel library are which abstract
// channel operations.  The engine recognises operations only through a model,
// by declaration (qualified name of the function, method or class template),
// never by spelling at the call site, so aliases, `auto`, typedefs, templates
// and macros all resolve to the same operation.  Supporting another channel
// library means writing another model table (see models/), not changing the
// engine.
#pragma once

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"
#include "clang/AST/Type.h"

#include <optional>

namespace clang {
class CallExpr;
class CXXRecordDecl;
class FunctionDecl;
} // namespace clang

namespace chcheck {

enum class OpKind {
  Make,        // creates a channel; capacityArg gives its capacity
  Send,
  Recv,        // value-returning receive: zero value once closed and drained
  RecvOk,      // receive that reports whether the channel is closed
  Close,
  Range,       // start of a range-for over the channel (`begin()`)
  SelectSend,  // a select case value: sends if chosen
  SelectRecv,  // a select case value: receives if chosen
  Spawn,       // starts a goroutine running the callable argument
  WaitDone,    // WaitGroup done: signals a waiter (the object is the WaitGroup)
  WaitJoin,    // WaitGroup wait: returns after every done
};

const char *opKindName(OpKind k);

// How a direction view or handle type may be used.
enum class Direction { Both, SendOnly, RecvOnly };

struct ChannelTypeModel {
  const char *qualifiedTemplate; // e.g. "chan::Chan"
  Direction direction;
};

struct CallModel {
  const char *qualifiedName; // "chan::Chan::send" (method of a class template) or "chan::make"
  OpKind op;
  int channelArg;            // -1: the implicit object; otherwise the argument index
  int extraArg = -1;         // Make: the capacity; SelectSend/SelectRecv: the callback; Spawn: unused
};

struct ApiModel {
  const char *name;
  // The library's own namespace: its function bodies are the model, not
  // user code, so they are neither analysed nor summarised.
  const char *libraryNamespace;
  llvm::ArrayRef<ChannelTypeModel> channelTypes;
  llvm::ArrayRef<CallModel> calls;
};

// Every model the engine knows (models/Models.cpp).
llvm::ArrayRef<const ApiModel *> allModels();

// Answers "is this a channel handle type" and "which operation is this
// callee" for the models in use, caching per declaration.
class ModelIndex {
public:
  explicit ModelIndex(llvm::ArrayRef<const ApiModel *> models);

  const ChannelTypeModel *channelType(clang::QualType t);
  bool isChannelType(clang::QualType t) { return channelType(t) != nullptr; }
  // The operation a call performs, or null.  Member calls are looked up by
  // the class template of the object's static type, so a method inherited
  // from an implementation base still resolves to the modelled handle type.
  const CallModel *callModel(const clang::CallExpr *call);

private:
  llvm::StringMap<const ChannelTypeModel *> typesByName_;
  llvm::StringMap<const CallModel *> callsByName_;
  llvm::DenseMap<const clang::CXXRecordDecl *, const ChannelTypeModel *> typeCache_;
  llvm::DenseMap<std::pair<const clang::FunctionDecl *, const clang::CXXRecordDecl *>,
                 const CallModel *>
      callCache_;
};

} // namespace chcheck
