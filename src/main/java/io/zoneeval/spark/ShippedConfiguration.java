package io.zoneeval.spark;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import org.apache.hadoop.conf.Configuration;

/**
 * A Hadoop configuration that travels to the executors (in a broadcast), so that a task opens the
 * delivered files with the driver's file-system settings. Hadoop's {@code Configuration} is a
 * {@code Writable}, not {@code Serializable}; Spark's own wrapper for it is private to Spark.
 */
public final class ShippedConfiguration implements Serializable {
  private static final long serialVersionUID = 1L;
  private transient Configuration value;

  public ShippedConfiguration(Configuration value) {
    this.value = value;
  }

  public Configuration value() {
    return value;
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    value.write(out);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    value = new Configuration(false);
    value.readFields(in);
  }
}
