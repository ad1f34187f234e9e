import { installOperatorStep } from './install-operator.js';

/** bootstrap --with-oadp: OADP (redhat-oadp-operator) into openshift-adp, OwnNamespace. */
export const installOadp = installOperatorStep('oadp');
