import { z } from 'zod';
import { textLength } from './format';

// Mirrors the API's rules (SPEC section 3). Messages are i18n keys under `validation.`.

export const LIMITS = {
  usernameMin: 3,
  usernameMax: 30,
  displayNameMax: 50,
  passwordMin: 8,
  passwordMax: 128,
  postMax: 1000,
  commentMax: 500,
  bioMax: 300,
  reportDetailsMax: 500,
  avatarBytes: 5 * 1024 * 1024,
  searchMax: 200,
} as const;

const LATIN_OR_DIGIT = /^[A-Za-z0-9_]$/;
const ARABIC_SCRIPT = /^\p{Script=Arabic}$/u;
const LETTER_OR_DIGIT = /^[\p{L}\p{Nd}]$/u;

export function isValidUsernameChar(char: string): boolean {
  return LATIN_OR_DIGIT.test(char) || (ARABIC_SCRIPT.test(char) && LETTER_OR_DIGIT.test(char));
}

const lengthBetween = (min: number, max: number) => (value: string) => {
  const n = textLength(value);
  return n >= min && n <= max;
};

export const emailSchema = z.string().trim().min(1, 'validation.email_required').email('validation.email_invalid');

export const usernameSchema = z
  .string()
  .trim()
  .refine(lengthBetween(LIMITS.usernameMin, LIMITS.usernameMax), 'validation.username_length')
  .refine((v) => [...v].every(isValidUsernameChar), 'validation.username_chars');

export const displayNameSchema = z
  .string()
  .trim()
  .refine(lengthBetween(1, LIMITS.displayNameMax), 'validation.display_name_length');

export const optionalDisplayNameSchema = z
  .string()
  .trim()
  .refine((v) => textLength(v) <= LIMITS.displayNameMax, 'validation.display_name_length');

export const passwordSchema = z
  .string()
  .min(LIMITS.passwordMin, 'validation.password_length')
  .max(LIMITS.passwordMax, 'validation.password_length');

export const bioSchema = z.string().refine((v) => textLength(v) <= LIMITS.bioMax, 'validation.bio_length');

export const postSchema = z.object({
  content: z.string().refine(lengthBetween(1, LIMITS.postMax), 'validation.post_length'),
});

export const commentSchema = z.object({
  content: z.string().refine(lengthBetween(1, LIMITS.commentMax), 'validation.comment_length'),
});

export const signupSchema = z
  .object({
    email: emailSchema,
    username: usernameSchema,
    display_name: optionalDisplayNameSchema,
    password: passwordSchema,
    confirm: z.string(),
    accept_terms: z.boolean().refine((v) => v, 'validation.terms_required'),
  })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'validation.password_mismatch' });

export const loginSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, 'validation.password_required'),
});

export const otpSchema = z.object({
  otp: z
    .string()
    .trim()
    .regex(/^(\d{6}|[A-Za-z0-9-]{8,24})$/, 'validation.otp_format'),
});

export const emailOnlySchema = z.object({ email: emailSchema });

export const resetPasswordSchema = z
  .object({ new_password: passwordSchema, confirm: z.string() })
  .refine((v) => v.new_password === v.confirm, { path: ['confirm'], message: 'validation.password_mismatch' });

export const changePasswordSchema = z
  .object({
    current_password: z.string().min(1, 'validation.password_required'),
    new_password: passwordSchema,
    confirm: z.string(),
  })
  .refine((v) => v.new_password === v.confirm, { path: ['confirm'], message: 'validation.password_mismatch' });

export const profileSchema = z.object({
  display_name: displayNameSchema,
  bio: bioSchema,
});

export const reportSchema = z.object({
  reason: z.enum(['spam', 'harassment', 'hate', 'violence', 'nudity', 'misinformation', 'other'], {
    message: 'validation.reason_required',
  }),
  details: z
    .string()
    .refine((v) => textLength(v) <= LIMITS.reportDetailsMax, 'validation.details_length'),
});

export const disableSchema = z.object({
  reason: z.string().trim().min(1, 'validation.reason_text_required').max(500, 'validation.details_length'),
});

/** GET /search takes 1-200 characters; an empty box simply shows trending tags. */
export const searchSchema = z.object({
  q: z.string().trim().refine((v) => textLength(v) <= LIMITS.searchMax, 'validation.search_length'),
});

export type SignupValues = z.infer<typeof signupSchema>;
export type LoginValues = z.infer<typeof loginSchema>;
export type OtpValues = z.infer<typeof otpSchema>;
export type EmailOnlyValues = z.infer<typeof emailOnlySchema>;
export type ResetPasswordValues = z.infer<typeof resetPasswordSchema>;
export type ChangePasswordValues = z.infer<typeof changePasswordSchema>;
export type ProfileValues = z.infer<typeof profileSchema>;
export type ReportValues = z.infer<typeof reportSchema>;
export type DisableValues = z.infer<typeof disableSchema>;
export type PostValues = z.infer<typeof postSchema>;
export type CommentValues = z.infer<typeof commentSchema>;
export type SearchValues = z.infer<typeof searchSchema>;
