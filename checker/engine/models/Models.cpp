#include "Model.h"

namespace chcheck {

extern const ApiModel kChanRuntimeModel;
extern const ApiModel kStdLibraryModel;
extern const ApiModel kBoostFiberModel;
extern const ApiModel kAsioModel;

llvm::ArrayRef<const ApiModel *> allModels() {
  static const ApiModel *const models[] = {&kChanRuntimeModel, &kStdLibraryModel, &kBoostFiberModel, &kAsioModel};
  return models;
}

} // namespace chcheck
