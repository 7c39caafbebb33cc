// Starts JMeter 2.13 (Debian) in non-GUI mode with XStream type permissions opened; used only by record-tools.sh.
import java.lang.reflect.Field;
public class JMeterPermissive {
    public static void main(String[] args) throws Exception {
        org.apache.jmeter.util.JMeterUtils.setJMeterHome("/usr/share/jmeter");
        org.apache.jmeter.util.JMeterUtils.loadJMeterProperties("/usr/share/jmeter/bin/jmeter.properties");
        Class<?> save = Class.forName("org.apache.jmeter.save.SaveService");
        for (String name : new String[] {"JMXSAVER", "JTLSAVER"}) {
            Field f = save.getDeclaredField(name);
            f.setAccessible(true);
            ((com.thoughtworks.xstream.XStream) f.get(null)).addPermission(com.thoughtworks.xstream.security.AnyTypePermission.ANY);
        }
        new org.apache.jmeter.JMeter().start(args);
    }
}
