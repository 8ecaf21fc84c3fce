// Integration and e2e tests run against a production build, made once per source change.
export { buildIfNeeded as buildOnce } from "../../scripts/build-if-needed";
