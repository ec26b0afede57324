/**
 * `@dyn/model`: dynlib-style model documents (TOML text, plain objects, the builtin catalogue) to
 * validated, deep-frozen, hashed {@link ModelSpec}s, and compiled kernels.
 * @packageDocumentation
 */

// Statement blocks
export type { BlockStatement } from "./blocks.ts";
export { splitActionBlock, splitEquationBlock } from "./blocks.ts";
// Errors
export type { ModelErrorLocation } from "./errors.ts";
export { ModelCompileError, ModelErrorCode, ModelLoadError } from "./errors.ts";
// The spec hash
export { canonicalSpecJson, specHash } from "./hash.ts";
// Loading
export type { ModelRef, ModelSourceOptions } from "./load.ts";
export { listBuiltins, loadModel, modelFromObject, parseModel } from "./load.ts";
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

// Compiler exports (appended by the lead)
// Expression language
export { parseExpression, rewriteCaret } from "./expr/parse.ts";
export type {
  Expr,
  Span,
  NumberLiteral,
  BooleanLiteral,
  Name,
  MathAttribute,
  Unary,
  UnaryOperator,
  Binary,
  BinaryOperator,
  Compare,
  CompareOperator,
  BoolOp,
  Conditional,
  Generator,
  GeneratorClause,
  Call,
  KeywordArgument,
} from "./expr/ast.ts";
// Load-time expression checks
export { checkModelExpressions, checkExpressionIdentifiers } from "./ir/check.ts";
// IR
export { lowerModel, MAX_EXPANDED_NODES, MAX_TOTAL_EXPANDED_NODES } from "./ir/lowerModel.ts";
export type { LowerModelOptions } from "./ir/lowerModel.ts";
export type { KernelDtype } from "./ir/context.ts";
export type {
  ModelIR,
  IrExpr,
  IrNumber,
  IrState,
  IrParam,
  IrTime,
  IrLag,
  IrVar,
  IrBinding,
  IrNeg,
  IrArith,
  IrCompare,
  IrNot,
  IrTruth,
  IrSelect,
  IrLet,
  IrCall,
  IrFunctionName,
  IrLoopClause,
  IrReduce,
  IrAssignment,
  IrLogField,
  IrEvent,
  IrLagState,
} from "./ir/types.ts";
export { irChildren } from "./ir/size.ts";
export { JsExpressionEmitter, jsNumberLiteral } from "./ir/emitJs.ts";
export type { JsEmitNames, JsHelperName } from "./ir/emitJs.ts";
export { KERNEL_HELPERS } from "./runtime/kernelHelpers.ts";
export type { KernelHelper } from "./runtime/kernelHelpers.ts";
// Compilation
export { compileModel } from "./compile/compileModel.ts";
export type { CompileOptions } from "./compile/compileModel.ts";
export type {
  CompiledModel,
  ModelKernels,
  KernelSources,
  RuntimeWorkspace,
  RuntimeFieldLayout,
  FloatArray,
  RhsKernel,
  UpdateAuxKernel,
  StopCondKernel,
  EventsKernel,
  JacobianKernel,
  JvpKernel,
} from "./compile/types.ts";
// Builtin catalogue texts (for tools that show or copy a builtin's source)
export { builtinModelTexts } from "./builtins/embedded.generated.ts";
