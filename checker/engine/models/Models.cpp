#include "ApiModel.h"

namespace chcheck {

extern const ApiModel kChanRuntimeModel;

llvm::ArrayRef<const ApiModel *> allModels() {
  static const ApiModel *const models[] = {&kChanRuntimeModel};
  return models;
}

} // namespace chcheck
