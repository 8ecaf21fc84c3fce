// The body of PUT /api/responses/{uuid}.
import { z } from "zod";

export const RESPONSE_ID = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i, "not a UUID");

export const responsePayload = z
  .object({
    survey: z.string().min(1).max(64),
    unit: z.string().min(1).max(64).nullable().optional(),
    locale: z.enum(["es", "en"]),
    data: z.record(z.string(), z.unknown()),
    complete: z.boolean(),
    /** Page the respondent is on, to resume there. */
    page: z.number().int().min(0).max(1000).optional(),
  })
  .strict();

export type ResponsePayload = z.infer<typeof responsePayload>;
