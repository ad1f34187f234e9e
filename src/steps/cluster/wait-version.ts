// Last of the staged waits: the hosted cluster's version rollout is Completed.
import { hcRef, versionCompleted } from './hosted-cluster.js';
import { waitStage } from './wait-stage.js';

export const waitVersion = waitStage('wait-version', 'Wait for the hosted cluster version to complete', ['wait-nodepool'], hcRef, versionCompleted, 'if the message says wildcard routes are not allowed, allow them: hcp-kv bootstrap --only wildcard-ingress', 'version Completed');
