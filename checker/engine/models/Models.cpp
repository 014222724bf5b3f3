#include "Model.h"

namespace chcheck {

extern const ApiModel kChanRuntimeModel;
extern const ApiModel kStdLibraryModel;
extern const ApiModel kBoostFiberModel;

llvm::ArrayRef<const ApiModel *> allModels() {
  static const ApiModel *const models[] = {&kChanRuntimeModel, &kStdLibraryModel, &kBoostFiberModel};
  return models;
}

} // namespace chcheck
