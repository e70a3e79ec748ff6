import { z } from "zod";

export const USERNAME_RE = /^[a-z0-9][a-z0-9_.-]{1,31}$/;

export const UsernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(USERNAME_RE, "2–32 characters: lowercase letters, digits, dot, dash or underscore");

export const PasswordSchema = z
  .string()
  .min(10, "Use at least 10 characters")
  .max(256, "Use at most 256 characters");

/** IANA time zone such as "Europe/London"; validated with Intl. */
export const TimeZoneSchema = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, "Unknown time zone");

export const RoleSchema = z.enum(["owner", "member"]);

export const UserSchema = z.object({
  id: z.string(),
  username: z.string(),
  role: RoleSchema,
  timeZone: z.string(),
  createdAt: z.string(),
});
export type User = z.infer<typeof UserSchema>;

export const CredentialsSchema = z.object({
  username: UsernameSchema,
  password: PasswordSchema,
});

export const SignupSchema = CredentialsSchema.extend({
  timeZone: TimeZoneSchema.default("UTC"),
});
export type Signup = z.infer<typeof SignupSchema>;

export const LoginSchema = z.object({
  username: z.string().trim().toLowerCase().min(1).max(64),
  password: z.string().min(1).max(256),
});

export const UpdateMeSchema = z.object({
  timeZone: TimeZoneSchema.optional(),
});

export const SetupStatusSchema = z.object({
  needsOwner: z.boolean(),
  signupsOpen: z.boolean(),
});

export const InstanceSettingsSchema = z.object({
  signupsOpen: z.boolean(),
});
export type InstanceSettings = z.infer<typeof InstanceSettingsSchema>;

/** A new account's answer: the user plus the recovery key, shown this one time only. */
export const NewAccountSchema = UserSchema.extend({
  recoveryKey: z.string(),
});
export type NewAccount = z.infer<typeof NewAccountSchema>;

/** Sign-in answer; `recoveryKey` only when this sign-in just encrypted an older account. */
export const SignedInSchema = UserSchema.extend({
  recoveryKey: z.string().optional(),
});
export type SignedIn = z.infer<typeof SignedInSchema>;

export const ChangePasswordSchema = z.object({
  currentPassword: z.string().min(1, "Enter your current password").max(256),
  newPassword: PasswordSchema,
});

export const RecoveryKeyTextSchema = z
  .string()
  .trim()
  .min(1, "Enter your recovery key")
  .max(100, "A recovery key is 39 characters");

export const RecoveryResetSchema = z.object({
  username: z.string().trim().toLowerCase().min(1).max(64),
  recoveryKey: RecoveryKeyTextSchema,
  newPassword: PasswordSchema,
});

export const PasswordConfirmSchema = z.object({
  password: z.string().min(1, "Enter your password").max(256),
});

export const RecoveryKeySchema = z.object({ recoveryKey: z.string() });
