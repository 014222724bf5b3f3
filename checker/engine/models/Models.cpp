#include "Model.h"

namespace chcheck {

extern const ApiModel kChanRuntimeModel;
extern const ApiModel kStdLibraryModel;

llvm::ArrayRef<const ApiModel *> allModels() {
  static const ApiModel *const models[] = {&kChanRuntimeModel, &kStdLibraryModel};
  return models;
}

} // namespace chcheck
