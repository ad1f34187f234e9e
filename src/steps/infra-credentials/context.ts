// infra-credentials: the options and the state its steps share.
import type { Step, StepContext } from '../../run/step.js';

export interface InfraCredentialsOptions {
  namespace: string;
  out: string;
  force: boolean;
  /** The management kubeconfig given with --kubeconfig (never written over). */
  kubeconfig?: string;
  /** The infrastructure cluster's server and CA, for the kubeconfig. */
  server: string;
  caData?: string;
  insecure?: boolean;
  timeoutMs: number;
}

export interface InfraCredentialsState {
  token?: string;
}

export type InfraCredentialsContext = StepContext<InfraCredentialsOptions, InfraCredentialsState>;
/** infra-credentials' step ids, in the order of INFRA_CREDENTIALS_STEPS. */
export const INFRA_CREDENTIALS_STEP_IDS = ['check-infra-credentials', 'apply-infra-credentials', 'write-infra-kubeconfig'] as const;
export type InfraCredentialsStepId = (typeof INFRA_CREDENTIALS_STEP_IDS)[number];
export type InfraCredentialsStep = Step<InfraCredentialsOptions, InfraCredentialsState, InfraCredentialsStepId>;
