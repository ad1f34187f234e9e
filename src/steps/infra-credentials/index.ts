// hcp-kv infra-credentials, in order.
import { applyInfraCredentials } from './apply-infra-credentials.js';
import { checkInfraCredentials } from './check-infra-credentials.js';
import type { InfraCredentialsStep } from './context.js';
import { writeInfraKubeconfig } from './write-infra-kubeconfig.js';

export const INFRA_CREDENTIALS_STEPS: InfraCredentialsStep[] = [checkInfraCredentials, applyInfraCredentials, writeInfraKubeconfig];
