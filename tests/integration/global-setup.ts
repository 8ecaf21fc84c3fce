import { buildOnce } from "../support/build";

export default function setup(): void {
  buildOnce();
}
