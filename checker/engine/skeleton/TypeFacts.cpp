#include "TypeFacts.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/RecursiveASTVisitor.h"

#include <algorithm>

using namespace clang;

namespace chcheck::ir {

ValueKind TypeFacts::kind(QualType t) {
  if (t.isNull())
    return ValueKind::None;
  t = t.getNonReferenceType().getCanonicalType();
  if (t->isBooleanType())
    return ValueKind::Bool;
  if (t->isIntegralOrEnumerationType())
    return ValueKind::Int;
  if (t->isPointerType()) {
    QualType pointee = t->getPointeeType();
    if (pointee->isFunctionType())
      return ValueKind::Reference;
    ValueKind k = kind(pointee);
    return k == ValueKind::None || k == ValueKind::Bool || k == ValueKind::Int ? ValueKind::None
                                                                               : ValueKind::Reference;
  }
  if (const auto *array = dyn_cast<ConstantArrayType>(t.getTypePtr()))
    return kind(array->getElementType()) == ValueKind::None ? ValueKind::None
                                                             : ValueKind::Aggregate;
  const CXXRecordDecl *rd = t->getAsCXXRecordDecl();
  return rd ? recordKind(rd, 0) : ValueKind::None;
}

// A template argument's kind (the element of a container, the pointee of a
// smart pointer); None if the argument is not a type.
static QualType firstTypeArgument(const CXXRecordDecl *rd, unsigned index = 0) {
  const auto *spec = dyn_cast<ClassTemplateSpecializationDecl>(rd);
  if (!spec || spec->getTemplateArgs().size() <= index)
    return {};
  const TemplateArgument &arg = spec->getTemplateArgs()[index];
  return arg.getKind() == TemplateArgument::Type ? arg.getAsType() : QualType();
}

ValueKind TypeFacts::recordKind(const CXXRecordDecl *rd, unsigned depth) {
  rd = rd->getCanonicalDecl();
  if (auto it = records_.find(rd); it != records_.end())
    return it->second;
  if (depth > 6)
    return ValueKind::None;
  ValueKind result = ValueKind::None;
  if (const TypeModel *m = models_.typeModel(rd)) {
    switch (m->role) {
    case TypeRole::Channel:
    case TypeRole::Context:
    case TypeRole::Callable:
    case TypeRole::Thread:
    case TypeRole::RLocker:
      result = ValueKind::Reference;
      break;
    case TypeRole::Mutex:
    case TypeRole::WaitGroup:
    case TypeRole::Cond:
    case TypeRole::LockGuard:
    case TypeRole::OnceFlag:
      result = ValueKind::Storage;
      break;
    case TypeRole::Atomic: {
      QualType arg = firstTypeArgument(rd);
      result = arg.isNull()                             ? ValueKind::None
               : arg->isBooleanType()                    ? ValueKind::Bool
               : arg->isIntegralOrEnumerationType()      ? ValueKind::Int
                                                         : ValueKind::None;
      break;
    }
    case TypeRole::SmartPointer: {
      QualType arg = firstTypeArgument(rd);
      result = !arg.isNull() && kind(arg) != ValueKind::None ? ValueKind::Reference : ValueKind::None;
      break;
    }
    case TypeRole::Container: {
      QualType arg = firstTypeArgument(rd, m->mapLike ? 1 : 0);
      result = !arg.isNull() && kind(arg) != ValueKind::None ? ValueKind::Aggregate : ValueKind::None;
      break;
    }
    }
    records_[rd] = result;
    return result;
  }
  const CXXRecordDecl *def = rd->getDefinition();
  if (!def)
    return ValueKind::None;
  if (def->isLambda()) {
    records_[rd] = ValueKind::Reference;
    return ValueKind::Reference;
  }
  records_[rd] = ValueKind::None; // breaks cycles through pointers to the same class
  for (const FieldDecl *f : def->fields())
    if (kind(f->getType()) != ValueKind::None && !f->getType()->isBooleanType() &&
        !f->getType()->isIntegralOrEnumerationType()) {
      result = ValueKind::Aggregate;
      break;
    }
  if (result == ValueKind::None)
    for (const FieldDecl *f : def->fields())
      if (f->getType()->isBooleanType() || models_.is(f->getType(), TypeRole::Atomic)) {
        result = ValueKind::Aggregate; // a flag member: once idioms test it across methods
        break;
      }
  if (result == ValueKind::None)
    for (const CXXBaseSpecifier &b : def->bases())
      if (const CXXRecordDecl *base = b.getType()->getAsCXXRecordDecl();
          base && recordKind(base, depth + 1) != ValueKind::None) {
        result = ValueKind::Aggregate;
        break;
      }
  // A class with virtual methods may be an interface whose implementations
  // hold tracked values.
  if (result == ValueKind::None && def->isPolymorphic())
    result = ValueKind::Aggregate;
  records_[rd] = result;
  return result;
}

namespace {
class ClassCollector : public RecursiveASTVisitor<ClassCollector> {
public:
  std::vector<const CXXRecordDecl *> &out;
  explicit ClassCollector(std::vector<const CXXRecordDecl *> &o) : out(o) {}
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool VisitCXXRecordDecl(CXXRecordDecl *rd) {
    if (rd->isThisDeclarationADefinition() && rd->getNumBases() > 0 && !rd->isDependentContext())
      out.push_back(rd);
    return true;
  }
};
} // namespace

void TypeFacts::indexHierarchy() {
  if (hierarchyIndexed_)
    return;
  hierarchyIndexed_ = true;
  ClassCollector collector(classes_);
  collector.TraverseDecl(ctx_.getTranslationUnitDecl());
}

std::vector<const CXXMethodDecl *> TypeFacts::overriders(const CXXMethodDecl *m) {
  std::vector<const CXXMethodDecl *> out;
  if (!m->isPureVirtual())
    out.push_back(m);
  indexHierarchy();
  const CXXRecordDecl *base = m->getParent();
  for (const CXXRecordDecl *rd : classes_) {
    if (!rd->isDerivedFrom(base))
      continue;
    if (const CXXMethodDecl *o = m->getCorrespondingMethodInClass(rd, /*MayBeBase=*/false);
        o && o != m && !o->isPureVirtual())
      if (std::find(out.begin(), out.end(), o) == out.end())
        out.push_back(o);
  }
  return out;
}

} // namespace chcheck::ir

namespace chcheck::ir {

void TypeFacts::collectParts(QualType t, std::vector<Step> &prefix, std::vector<Part> &out,
                             unsigned depth) {
  ValueKind k = kind(t);
  if (k == ValueKind::None || depth > 4)
    return;
  if (k != ValueKind::Aggregate) {
    if (k != ValueKind::Storage)
      out.push_back({prefix, k});
    if (const TypeModel *m = models_.typeModel(t); m && (m->role == TypeRole::LockGuard ||
                                                         m->role == TypeRole::Cond ||
                                                         m->role == TypeRole::RLocker)) {
      prefix.push_back({StepKind::Lock, nullptr});
      out.push_back({prefix, ValueKind::Reference});
      prefix.back() = {StepKind::Flag, nullptr};
      out.push_back({prefix, ValueKind::Bool});
      prefix.pop_back();
    }
    return;
  }
  t = t.getNonReferenceType().getCanonicalType();
  if (const auto *array = dyn_cast<ConstantArrayType>(t.getTypePtr())) {
    prefix.push_back({StepKind::Element, nullptr});
    collectParts(array->getElementType(), prefix, out, depth + 1);
    prefix.pop_back();
    return;
  }
  const CXXRecordDecl *rd = t->getAsCXXRecordDecl();
  if (!rd)
    return;
  if (const TypeModel *m = models_.typeModel(rd)) {
    if (m->role == TypeRole::Container) {
      QualType element = firstTypeArgument(rd, m->mapLike ? 1 : 0);
      prefix.push_back({StepKind::Element, nullptr});
      if (!element.isNull())
        collectParts(element, prefix, out, depth + 1);
      prefix.pop_back();
      // Its size, as LowerContainer.cpp follows it: not a map's, not one its
      // type fixes (std::array), not an element's (a summary of all of them).
      bool fixed = false;
      if (const auto *spec = dyn_cast<ClassTemplateSpecializationDecl>(rd))
        for (const TemplateArgument &a : spec->getTemplateArgs().asArray())
          fixed |= a.getKind() == TemplateArgument::Integral;
      bool element_ = std::any_of(prefix.begin(), prefix.end(),
                                  [](const Step &s) { return s.kind == StepKind::Element; });
      if (!m->mapLike && !fixed && !element_) {
        prefix.push_back({StepKind::Size, nullptr});
        out.push_back({prefix, ValueKind::Int});
        prefix.pop_back();
      }
    }
    return;
  }
  rd = rd->getDefinition();
  if (!rd)
    return;
  for (const CXXBaseSpecifier &b : rd->bases())
    collectParts(b.getType(), prefix, out, depth + 1);
  for (const FieldDecl *f : rd->fields()) {
    if (f->getType()->isReferenceType())
      continue;
    prefix.push_back({StepKind::Field, f});
    collectParts(f->getType(), prefix, out, depth + 1);
    prefix.pop_back();
  }
}

const std::vector<TypeFacts::Part> &TypeFacts::parts(const Type *t) {
  auto it = parts_.find(t);
  if (it != parts_.end())
    return it->second;
  std::vector<Part> out;
  std::vector<Step> prefix;
  collectParts(QualType(t, 0), prefix, out, 0);
  return parts_[t] = std::move(out);
}

} // namespace chcheck::ir
