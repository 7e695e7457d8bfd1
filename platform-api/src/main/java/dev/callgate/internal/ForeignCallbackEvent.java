package dev.callgate.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * JDK Flight Recorder event committed each time the gate diagnoses a callback on a foreign thread
 * (that is, whenever it writes the diagnostic line). Enabled by default in any recording.
 */
@Name("dev.callgate.ForeignCallback")
@Label("Foreign Callback")
@Category({"callgate"})
@Description("A native callback arrived on a thread the JVM did not create")
@StackTrace(false)
final class ForeignCallbackEvent extends Event {

    @Label("Callback")
    String callback;

    @Label("Native Thread Id")
    long nativeThreadId;

    @Label("Policy")
    String policy;

    @Label("OS Backend")
    String os;
}
