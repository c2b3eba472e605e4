package dev.handrail.health.webhook;

import jakarta.inject.Singleton;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Keeps webhooks off the internal network: a URL must be http or https, and unless the admin
 * setting {@code allow-private-addresses} is on, every address its host resolves to must be a
 * public one (not loopback, link-local, private, unique-local, shared or unspecified). Checked on
 * creation and again before every attempt, since a name may resolve elsewhere later. Stateless
 * and thread-safe.
 */
@Singleton
public class WebhookUrlGuard {

    private final boolean allowPrivate;

    public WebhookUrlGuard(WebhookConfig config) {
        this.allowPrivate = config.isAllowPrivateAddresses();
    }

    /** The URL, parsed; fails with {@link WebhookUrlRefusedException} saying why it may not be used. */
    public URI check(String url) {
        URI uri = parse(url);
        if (allowPrivate) {
            return uri;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw new WebhookUrlRefusedException("The webhook host " + uri.getHost() + " does not resolve");
        }
        for (InetAddress address : addresses) {
            if (isInternal(address)) {
                throw new WebhookUrlRefusedException("The webhook host " + uri.getHost() + " resolves to "
                        + address.getHostAddress() + ", an internal address; webhooks may only reach public addresses");
            }
        }
        return uri;
    }

    private static URI parse(String url) {
        if (url == null || url.isBlank()) {
            throw new WebhookUrlRefusedException("A webhook needs a url");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new WebhookUrlRefusedException("The webhook url is not a valid URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new WebhookUrlRefusedException("A webhook url must be http or https");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new WebhookUrlRefusedException("The webhook url has no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new WebhookUrlRefusedException("A webhook url may not carry credentials before its host");
        }
        return uri;
    }

    /** Whether an address is one a webhook must not reach. */
    static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isAnyLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            // 0.0.0.0/8 (this network) and 100.64.0.0/10 (carrier-grade NAT, shared address space)
            return first == 0 || (first == 100 && second >= 64 && second < 128);
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return true; // fc00::/7, unique local
            }
            if (isMappedIpv4(b)) {
                try {
                    return isInternal(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isMappedIpv4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }
}
