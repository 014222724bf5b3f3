// Lowering of one function body to its skeleton (internal to skeleton/).
//  Builder.cpp    : the CFG walk, nodes, branch conditions, the final reduction
//  LowerExpr.cpp  : places of lvalues, values of expressions, initialisation
//  LowerCall.cpp  : calls (user, virtual, modelled, unknown), spawns, selects,
//                   lock guards, destructors
#pragma once

#include "Skeletons.h"

#include "clang/AST/ParentMap.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseMap.h"

#include <functional>

namespace clang {
class CXXConstructExpr;
class CXXForRangeStmt;
class LambdaExpr;
class InitListExpr;
class BinaryOperator;
class UnaryOperator;
class VarDecl;
} // namespace clang

namespace chcheck::ir {

// Strips what does not change a value: parens, implicit casts, temporaries'
// wrappers, no-op casts.
const clang::Expr *strip(const clang::Expr *e);
bool isStdMoveLike(const clang::CallExpr *call);

class FunctionLowering {
public:
  FunctionLowering(Skeletons &skeletons, const clang::FunctionDecl *fd, Skeleton &out);
  bool run();

private:
  // --- graph (Builder.cpp) ----------------------------------------------------
  std::uint32_t newNode();
  Event event(EventKind k, clang::SourceLocation loc) const;
  void emit(Event e);
  // Ends the current node with `succs` edges to fresh nodes; returns them.
  std::vector<std::uint32_t> branch(unsigned n, Condition cond);
  void continueAt(std::uint32_t node) { cur_ = node; }
  void lowerBlock(const clang::CFGBlock *b);
  void lowerElement(const clang::CFGElement &el);
  void lowerStatement(const clang::Stmt *s);
  Condition lowerCondition(const clang::Expr *cond, bool &negated);
  void lowerSwitch(const clang::CFGBlock *b,
                   const std::function<std::uint32_t(const clang::CFGBlock *)> &target);
  void reduce();
  void markLoopHeads();

  // --- places and values (LowerExpr.cpp) -------------------------------------
  PlaceId placeOf(const clang::Expr *e);
  PlaceId valueOf(const clang::Expr *e);
  void store(PlaceId dst, const clang::Expr *init, clang::QualType type, clang::SourceLocation loc,
             bool weak = false);
  void copyFrom(PlaceId dst, PlaceId src, clang::QualType type, clang::SourceLocation loc, bool move,
                bool weak);
  void havoc(PlaceId dst, clang::QualType type, clang::SourceLocation loc, bool weak = false);
  void defaultConstruct(PlaceId dst, clang::QualType type, clang::SourceLocation loc, unsigned depth = 0);
  void declare(const clang::VarDecl *vd);
  void initFields(PlaceId base, const clang::CXXRecordDecl *rd, const clang::InitListExpr *list,
                  clang::SourceLocation loc);
  PlaceId varPlace(const clang::VarDecl *vd);
  PlaceId fieldPlace(PlaceId base, const clang::FieldDecl *field);
  PlaceId temp();
  PlaceId root(RootKind k, std::uint32_t index = 0);
  void makeClosure(PlaceId dst, const clang::LambdaExpr *le);
  void assignBuiltin(const clang::BinaryOperator *bo);
  void increment(const clang::UnaryOperator *uo);
  bool writtenInLoopOver(const clang::Expr *subscript, const clang::Expr *container) const;

  // --- calls (LowerCall.cpp) --------------------------------------------------
  void lowerCall(const clang::CallExpr *call);
  void modelledCall(const clang::CallExpr *call, const CallModel &m);
  void callFunctions(const clang::CallExpr *call, std::vector<const clang::FunctionDecl *> callees,
                     PlaceId thisPlace, unsigned firstArg, bool virtualCall);
  void unknownCall(const clang::CallExpr *call, const clang::FunctionDecl *callee, unsigned firstArg);
  bool calledElsewhere(const clang::FunctionDecl *fd);
  void summarisedCall(const clang::CallExpr *call, const clang::FunctionDecl *callee, PlaceId thisPlace,
                      unsigned firstArg);
  bool handsOverCode(const clang::CallExpr *call);
  void escapeCaptures(const clang::CallExpr *call);
  void escape(PlaceId p, clang::QualType t, bool writable, clang::SourceLocation loc);
  std::vector<Binding> bind(llvm::ArrayRef<clang::QualType> params,
                            llvm::ArrayRef<const clang::Expr *> args, bool forceCopy);
  std::vector<Binding> bind(const clang::FunctionDecl *callee, llvm::ArrayRef<const clang::Expr *> args,
                            bool forceCopy);
  PlaceId objectOf(const clang::CallExpr *call, int objectArg, const clang::Expr **written);
  RecvUse recvUse(const clang::Expr *call);
  void setBool(PlaceId dst, bool value, clang::SourceLocation loc);
  PlaceId pairField(PlaceId pair, clang::QualType pairType, unsigned index);
  void construct(PlaceId dst, const clang::CXXConstructExpr *ce);
  void constructGuard(PlaceId dst, const clang::CXXConstructExpr *ce, const TypeModel &m);
  void destruct(PlaceId obj, clang::QualType t, clang::SourceLocation loc, const clang::VarDecl *var,
                unsigned depth = 0);
  void spawn(PlaceId threadObject, const clang::Expr *callable, llvm::ArrayRef<const clang::Expr *> args,
             const clang::Expr *site);
  void select(const clang::CallExpr *call);
  void callOnce(const clang::CallExpr *call, const CallModel &m);
  void lockOp(const clang::CallExpr *call, const CallModel &m);
  void lockTraits(Event &e, clang::QualType mutexType);
  const clang::FunctionDecl *declaredFunction(const clang::Expr *callable);
  const clang::FunctionDecl *callableFunction(const clang::Expr *e);
  PlaceId thisObject();
  const clang::FunctionDecl *definitionOf(const clang::FunctionDecl *fd);
  const clang::CXXConstructorDecl *allocatedConstructor(const clang::CallExpr *call,
                                                        const clang::CXXRecordDecl *rd);

  Skeletons &S;
  PlaceTable &P;
  ModelIndex &M;
  TypeFacts &T;
  clang::ASTContext &ctx_;
  const clang::FunctionDecl *fd_;
  Skeleton &sk_;
  clang::ParentMap parents_;
  std::unique_ptr<clang::CFG> cfg_;
  std::uint32_t cur_ = 0;
  bool summarisedCall_ = false; // emitting an unseen callee's effects that a summary replaces
  std::uint32_t throwExit_ = 0;

  llvm::DenseMap<const clang::Expr *, PlaceId> values_;      // lowered expression -> its value's place
  llvm::DenseMap<const clang::VarDecl *, PlaceId> aliases_;  // reference variables -> what they name
  // lock_guard / scoped_lock objects -> the locks they hold (and whether shared)
  llvm::DenseMap<PlaceId, std::vector<std::pair<PlaceId, bool>>> guards_;
  struct CaseInfo {
    SelectCase c;
    PlaceId callback = kNoPlace;
    bool isDefault = false;
  };
  llvm::DenseMap<const clang::Expr *, CaseInfo> selectCases_;
  void lowerSelect(const clang::CallExpr *call, const std::vector<CaseInfo> &cases, const CaseInfo *fallback,
                   const ChannelSemantics *library);
  // A library's channel operations beyond Go's (ChannelSemantics).
  const ChannelSemantics *libraryOf(const clang::Expr *channel);
  void makeChannelObject(PlaceId dst, const ChannelSemantics &library, llvm::ArrayRef<const clang::Expr *> args,
                         const clang::Expr *site, clang::SourceLocation loc);
  void tryChannelOp(const clang::CallExpr *call, const CallModel &m);
  // How an operation's status is consumed; `(void)ch.push(v)` counts as looked at.
  RecvUse statusUse(const clang::Expr *call);
  llvm::DenseMap<const clang::Stmt *, PlaceId> rangeChannels_; // range-for over a channel

  // --- container sizes (LowerContainer.cpp) ----------------------------------
  std::optional<std::int64_t> fixedCount(clang::QualType t);
  // The Size place of a container whose size the analyses follow, or kNoPlace.
  PlaceId sizeOf(PlaceId container, clang::QualType t);
  // size := n, or src's value, or (neither) an unknown.
  void setSize(PlaceId size, std::optional<std::int64_t> n, PlaceId src, clang::SourceLocation loc);
  void constructedSize(PlaceId container, const clang::CXXConstructExpr *ce);
  void assignedSize(PlaceId container, clang::QualType t, const clang::Expr *rhs, clang::SourceLocation loc);
  void sizeOp(const clang::CallExpr *call, const CallModel &m);
  struct RangeCount {
    PlaceId counter = kNoPlace, count = kNoPlace; // temps: iterations done, elements
    PlaceId size = kNoPlace;                      // the container's Size place
    std::optional<std::int64_t> fixed;            // the count the type or the list fixes
  };
  llvm::DenseMap<const clang::Stmt *, RangeCount> rangeCounts_;
  const RangeCount *rangeCount(const clang::CXXForRangeStmt *rf);
  bool rangeForStatement(const clang::Stmt *s);
  Condition rangeCondition(const clang::CXXForRangeStmt *rf);
  // A lambda's call operator: captured variables -> capture index.
  llvm::DenseMap<const clang::ValueDecl *, std::uint32_t> captureIndex_;
  std::uint32_t thisCapture_ = ~0u;
};

// A call's arguments from the `first`th on.
inline std::vector<const clang::Expr *> argsFrom(const clang::CallExpr *call, unsigned first) {
  std::vector<const clang::Expr *> out;
  for (unsigned i = first; i < call->getNumArgs(); ++i)
    out.push_back(call->getArg(i));
  return out;
}

} // namespace chcheck::ir
