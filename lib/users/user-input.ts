// Request shapes for coordinator account management.
import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";

export const ROLES = ["admin", "analyst"] as const;

export const passwordInput = z.string().min(MIN_PASSWORD_LENGTH).max(1024);

export const newUserInput = z
  .object({
    email: z.email().max(320),
    name: z.string().trim().max(120).default(""),
    role: z.enum(ROLES),
    password: passwordInput,
  })
  .strict();

export const userChangesInput = z
  .object({
    name: z.string().trim().max(120).optional(),
    role: z.enum(ROLES).optional(),
    active: z.boolean().optional(),
  })
  .strict();

/** zod issues as {field, code} pairs the form can translate. */
export function fieldIssues(error: z.ZodError): { field: string; code: string }[] {
  return error.issues.map((i) => ({
    field: i.path.join(".") || "(body)",
    code: i.path[0] === "password" && i.code === "too_small" ? "password_too_short" : i.code,
  }));
}
