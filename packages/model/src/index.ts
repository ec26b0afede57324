/**
 * `@dyn/model`: dynlib-style model documents (TOML text, plain objects, the builtin catalogue) to
 * validated, deep-frozen, hashed {@link ModelSpec}s, and compiled kernels.
 * @packageDocumentation
 */

// Statement blocks
export type { BlockStatement } from "./blocks.ts";
export { splitActionBlock, splitEquationBlock } from "./blocks.ts";
// Builtin catalogue texts (for tools that show or copy a builtin's source)
export { builtinModelTexts } from "./builtins/embedded.generated.ts";
export type { CompileOptions } from "./compile/compileModel.ts";
// Compilation
export { compileModel } from "./compile/compileModel.ts";
export type {
  CompiledModel,
  EventsKernel,
  FloatArray,
  JacobianKernel,
  JvpKernel,
  KernelSources,
  ModelKernels,
  RhsKernel,
  RuntimeFieldLayout,
  RuntimeWorkspace,
  StopCondKernel,
  UpdateAuxKernel,
} from "./compile/types.ts";
// Errors
export type { ModelErrorLocation } from "./errors.ts";
export { ModelCompileError, ModelErrorCode, ModelLoadError } from "./errors.ts";
export type {
  Binary,
  BinaryOperator,
  BooleanLiteral,
  BoolOp,
  Call,
  Compare,
  CompareOperator,
  Conditional,
  Expr,
  Generator,
  GeneratorClause,
  KeywordArgument,
  MathAttribute,
  Name,
  NumberLiteral,
  Span,
  Unary,
  UnaryOperator,
} from "./expr/ast.ts";
// Compiler exports (appended by the lead)
// Expression language
export { parseExpression, rewriteCaret } from "./expr/parse.ts";
// The spec hash
export { canonicalSpecJson, specHash } from "./hash.ts";
// Load-time expression checks
export { checkExpressionIdentifiers, checkModelExpressions } from "./ir/check.ts";
export type { KernelDtype } from "./ir/context.ts";
export type { JsEmitNames, JsHelperName } from "./ir/emitJs.ts";
export { JsExpressionEmitter, jsNumberLiteral } from "./ir/emitJs.ts";
export type { LowerModelOptions } from "./ir/lowerModel.ts";
// IR
export { lowerModel, MAX_EXPANDED_NODES, MAX_TOTAL_EXPANDED_NODES } from "./ir/lowerModel.ts";
export { irChildren } from "./ir/size.ts";
export type {
  IrArith,
  IrAssignment,
  IrBinding,
  IrCall,
  IrCompare,
  IrEvent,
  IrExpr,
  IrFunctionName,
  IrLag,
  IrLagState,
  IrLet,
  IrLogField,
  IrLoopClause,
  IrNeg,
  IrNot,
  IrNumber,
  IrParam,
  IrReduce,
  IrSelect,
  IrState,
  IrTime,
  IrTruth,
  IrVar,
  ModelIR,
} from "./ir/types.ts";
// Loading
export type { ModelRef, ModelSourceOptions } from "./load.ts";
export { listBuiltins, loadModel, modelFromObject, parseModel } from "./load.ts";
export type { KernelHelper } from "./runtime/kernelHelpers.ts";
export { KERNEL_HELPERS } from "./runtime/kernelHelpers.ts";
// The normalised spec
export type {
  EventPhase,
  EventSpec,
  FunctionSpec,
  ModelKind,
  ModelSpec,
  PresetSpec,
  SimSpec,
  SpecNumber,
  SpecValue,
} from "./spec.ts";
