/**
 * The gate's machinery shared by callgate's own modules (the JNA API, the java agent, the FFM
 * module, the command line and tests): the per-callback gate, the bounded diagnostic channel, the
 * thread-origin rule, the exit guard and backend selection. Not API: it may change in any release.
 */
package dev.callgate.internal;
