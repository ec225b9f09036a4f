/**
 * Calibration for hardware in the loop: per-device pulse-response fits ({@link
 * org.spicelearn.validation.calibration.DeviceCalibration}), the digital twin's conductances fitted
 * to measured responses with adjoint Jacobians ({@link
 * org.spicelearn.validation.calibration.TwinCalibration}), and hardware-aware transfer with
 * in-the-loop fine-tuning ({@link org.spicelearn.validation.calibration.HardwareTransfer}).
 */
package org.spicelearn.validation.calibration;
