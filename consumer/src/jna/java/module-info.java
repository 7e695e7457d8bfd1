/**
 * The consumer run as a named module: callgate's gate and JNA both reach the callback interface
 * reflectively, so the package is opened to them (the line callgate's error message names).
 */
module dev.callgate.consumer {
    requires dev.callgate;

    opens dev.callgate.consumer to dev.callgate, com.sun.jna;
}
