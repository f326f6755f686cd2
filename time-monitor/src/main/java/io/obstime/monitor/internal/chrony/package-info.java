/**
 * chronyd's command protocol (version 6), internal: the {@code tracking} request and reply and chrony's 32-bit float
 * format, written from the protocol's public description (chrony is GPL; no code of it is used). Not exported;
 * {@link io.obstime.monitor.ChronyReference} is the public face.
 */
package io.obstime.monitor.internal.chrony;
