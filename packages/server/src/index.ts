export {
  AccountError,
  type AccountErrorCode,
  type AccountOptions,
  type CreatedAccount,
  changePassword,
  createOwner,
  createUser,
  listUsers,
  type NewUserInput,
  removeUser,
  signIn,
  type UnlockedAccount,
  verifyLogin,
} from "./accounts";
export { type CreateAppOptions, createApp, DEFAULT_WEB_DIST_DIR, type MeridianApp } from "./app";
export { type ExportFormat, exportFileName, exportZip } from "./archive/export-service";
export {
  fileTooLargeMessage,
  type ImportLimits,
  importLimits,
  importLimitsFromEnv,
} from "./archive/import-limits";
export { type PreparedImport, prepareImport } from "./archive/import-service";
/** Tests: make the import's parse thread fail to build (as without esbuild). */
export { replaceThreadBundler } from "./archive/parse-runner";
export {
  type BackupSource,
  createVerifiedBackup,
  type VerifiedBackup,
} from "./backup/verified-backup";
export { KeyRing } from "./crypto/key-ring";
export { storeUnlockedFor, type UnlockedStore, unlockAccount } from "./crypto/unlocked-store";
export { insightsInput, sceneTriggers, TRIGGER_SHARE } from "./insights/observations";
export {
  SYNTHETIC_TRIGGER_EFFECTS,
  type SyntheticRitualOptions,
  type SyntheticRitualRecords,
  syntheticRitualRecords,
} from "./insights/synthetic-records";
export { mediaQuotaFromEnv } from "./media/paths";
export { QUOTA_EXCEEDED } from "./media/quota";
export { DEFAULT_PASSWORD_HASHING, type PasswordHashing } from "./passwords";
export {
  experimentReportFor,
  experimentSummaries,
  type ReportLookup,
} from "./routes/experiments-state";
export { type RunningServer, type ServeOptions, serve, serveOptionsFromEnv, serverVersion } from "./serve";
export { DEFAULT_POSTGRES_POOL_SIZE, isPostgresUrl } from "./store/dialects";
export { encryptStore } from "./store/encrypted-store";
export { type OpenStoreOptions, openStore } from "./store/open-store";
export type { RitualImport } from "./store/ritual-store";
export type { StorageKind, Store } from "./store/store";
export { openTestStore, type TestStore, testBackends } from "./store/testing";
export { localDateIn } from "./time";
