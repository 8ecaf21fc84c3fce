// The outcome of a coordinator form's action, next to its buttons: announced politely when it
// worked, as an alert when it did not.
export type FormMessage = { kind: "ok" | "error"; text: string } | null;

export function FormStatus({ message }: { message: FormMessage }) {
  if (!message) return null;
  return (
    <span className={`notice ${message.kind}`} role={message.kind === "ok" ? "status" : "alert"}>
      {message.text}
    </span>
  );
}
