// Dose–response meta-analysis as R's dosresmeta (Crippa & Orsini 2016) and metafor's rma.mv do
// it: the public API of lib/domain/stats/dose-response.
export {
  covarContinuous,
  covarLogRR,
  glPseudoCases,
  CovarianceProblem,
  type ContinuousArm,
  type LogRRArm,
  type LogRRDesign,
  type SmdMethod,
} from "./covariance";
export {
  readDoseResponseCsv,
  DoseResponseCsvProblem,
  type ArmMeasure,
  type ArmRow,
  type ContrastType,
  type CsvIssue,
  type DoseResponseData,
  type ReadOptions,
} from "./csv";
export {
  acrossArms,
  oneStage,
  twoStage,
  waldTest,
  ModelProblem,
  type ArmEffect,
  type ContrastStudy,
  type DoseResponseFit,
  type Estimation,
  type HeterogeneityTest,
  type ModelOptions,
  type WaldTest,
} from "./models";
export {
  predictCurve,
  summariseCurve,
  type Band,
  type Curve,
  type CurvePrediction,
  type CurveSummary,
  type DoseEstimate,
  type SummaryOptions,
} from "./results";
export {
  fitDoseResponse,
  runDoseResponse,
  type ArmLevelPrediction,
  type CoefficientRow,
  type DoseResponseOptions,
  type DoseResponseReport,
} from "./run";
export {
  DEFAULT_KNOTS,
  doseBasis,
  quantile7,
  rcsRow,
  ShapeProblem,
  type DoseBasis,
  type Shape,
  type ShapeSpec,
} from "./shapes";
export {
  doseResponseGradient,
  doseResponseInput,
  type DoseResponseInput,
  type GradientArm,
  type GradientSettings,
} from "./gradient";
export { doseResponseRCode, type RCodeInput } from "./r-code";
export {
  DEFAULT_DOSE_RESPONSE,
  DOSE_RESPONSE_PARAMS,
  doseResponseChoicesToParams,
  hasDoseResponseChoices,
  parseDoseResponseChoices,
  type DoseResponseChoices,
} from "./choices";
