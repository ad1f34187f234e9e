import { installOperatorStep } from './install-operator.js';

export const installCnv = installOperatorStep('cnv');
