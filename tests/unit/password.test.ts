import { describe, expect, it } from "vitest";
import { DUMMY_HASH, hashPassword, verifyPassword } from "@/lib/auth/password";

describe("password hashing (scrypt)", () => {
  it("verifies the right password and refuses a wrong one", async () => {
    const hash = await hashPassword("contraseña-segura-2026");
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(hash).not.toContain("contraseña");
    expect(await verifyPassword("contraseña-segura-2026", hash)).toBe(true);
    expect(await verifyPassword("contraseña-segura-2027", hash)).toBe(false);
    expect(await verifyPassword("", hash)).toBe(false);
  });

  it("salts every hash, so equal passwords give different hashes", async () => {
    const [a, b] = await Promise.all([hashPassword("misma-clave-123"), hashPassword("misma-clave-123")]);
    expect(a).not.toBe(b);
    expect(await verifyPassword("misma-clave-123", a)).toBe(true);
    expect(await verifyPassword("misma-clave-123", b)).toBe(true);
  });

  it("treats composed and decomposed accents as the same password (phone vs desktop keyboards)", async () => {
    const composed = "Añil-Árbol-2026".normalize("NFC");
    const decomposed = composed.normalize("NFD");
    expect(decomposed).not.toBe(composed);
    const hash = await hashPassword(composed);
    expect(await verifyPassword(decomposed, hash)).toBe(true);
  });

  it("refuses malformed stored hashes and never matches the dummy hash", async () => {
    expect(await verifyPassword("x", "plaintext")).toBe(false);
    expect(await verifyPassword("x", "bcrypt$1$2$3$4$5")).toBe(false);
    expect(await verifyPassword("", DUMMY_HASH)).toBe(false);
    expect(await verifyPassword("AAAAAAAAAA", DUMMY_HASH)).toBe(false);
  });
});
