import { installOperatorStep } from './install-operator.js';

export const installOdf = installOperatorStep('odf');
