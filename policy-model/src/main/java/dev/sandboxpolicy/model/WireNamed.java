package dev.sandboxpolicy.model;

import java.util.Locale;
import java.util.Optional;

/**
 * An enum constant with a spelling on the wire: in a document, a problem, a command line or a JSON reply. Every such
 * enum in the library implements this, so the spelling has one accessor, {@link #wireName()}, and one way back,
 * {@link #fromWireName(Class, String)}.
 *
 * <pre>{@code
 * Protocol.JSON_RPC.wireName();                          // "json-rpc"
 * WireNamed.fromWireName(Protocol.class, "json-rpc");    // Optional[JSON_RPC]
 * }</pre>
 */
public interface WireNamed {

  /** The exact spelling on the wire, for example {@code json-rpc} or {@code port_invalid}. */
  String wireName();

  /**
   * The library's convention for an enum whose wire spelling is its constant's name: the name in lower case, so
   * {@code NO_BINARY} is {@code no_binary}. Such an enum answers {@code wireName()} with this, so the convention is
   * written once.
   *
   * <pre>{@code
   * WireNamed.lowerCaseName(TrafficVerdict.ALLOW); // "allow"
   * }</pre>
   *
   * @param constant the enum constant
   * @return its name in lower case (ROOT locale)
   */
  static String lowerCaseName(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
  }

  /**
   * The constant of {@code type} spelled exactly {@code written}.
   *
   * @param type the enum
   * @param written the spelling, may be {@code null}
   * @param <E> the enum type
   * @return the constant, or empty when none is spelled so
   */
  static <E extends Enum<E> & WireNamed> Optional<E> fromWireName(Class<E> type, String written) {
    for (E e : type.getEnumConstants()) {
      if (e.wireName().equals(written)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}
