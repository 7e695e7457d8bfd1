package example.app.closed;

import com.sun.jna.Callback;

/** A callback interface in a package that {@code example.app} neither exports nor opens. */
public interface Tick extends Callback {
    void invoke();
}
