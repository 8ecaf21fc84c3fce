// Thrown while compiling when a definition uses something the compiled validator does not model
// exactly; the survey is then validated by survey-core itself.
export class Unsupported extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "Unsupported";
  }
}
