//! Who is calling: the connection's peer, or, behind a reverse proxy we trust, the address that
//! proxy saw. Per-address limits need the real client: behind a proxy every peer is the proxy.
use ipnet::IpNet;
use std::net::IpAddr;

/// The proxies (AGORA_TRUSTED_PROXIES) whose `X-Forwarded-For` we believe.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// Parses a list of addresses or CIDR blocks, separated by commas or spaces.
    pub fn parse(raw: &str) -> Result<Self, String> {
        raw.split([',', ' ', '\t', '\n'])
            .filter(|item| !item.is_empty())
            .map(|item| {
                item.parse::<IpNet>()
                    .or_else(|_| item.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| format!("AGORA_TRUSTED_PROXIES : « {item} » n'est ni une adresse IP ni un bloc CIDR"))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(TrustedProxies)
    }

    fn trusts(&self, address: IpAddr) -> bool {
        let address = canonical(address);
        self.0.iter().any(|net| net.contains(&address))
    }

    /// The client's address: the peer, unless the peer is a trusted proxy; then the right-most
    /// `X-Forwarded-For` entry that is not a trusted proxy itself. Entries to the left of it were
    /// written by the client and prove nothing, so they are never read.
    pub fn client(&self, peer: IpAddr, forwarded_for: &[&str]) -> IpAddr {
        let mut client = canonical(peer);
        if !self.trusts(client) {
            return client;
        }
        let entries = forwarded_for.iter().flat_map(|value| value.split(',')).map(str::trim);
        for entry in entries.rev() {
            let Ok(address) = entry.parse::<IpAddr>() else {
                // A garbled hop: stop at the last address a trusted proxy vouched for.
                return client;
            };
            client = canonical(address);
            if !self.trusts(client) {
                return client;
            }
        }
        client
    }
}

/// IPv4 addresses seen through an IPv6 socket (`::ffff:a.b.c.d`) count as the IPv4 address.
fn canonical(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(address, IpAddr::V4),
        v4 => v4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn without_trusted_proxies_the_header_is_ignored() {
        let none = TrustedProxies::default();
        assert_eq!(none.client(ip("198.51.100.4"), &["203.0.113.9"]), ip("198.51.100.4"));
    }

    #[test]
    fn an_untrusted_peer_cannot_choose_its_address() {
        let proxies = TrustedProxies::parse("10.0.0.0/8").unwrap();
        assert_eq!(proxies.client(ip("198.51.100.4"), &["203.0.113.9"]), ip("198.51.100.4"));
    }

    #[test]
    fn behind_trusted_proxies_the_right_most_untrusted_entry_is_the_client() {
        let proxies = TrustedProxies::parse("10.0.0.0/8, 192.168.1.1").unwrap();
        // The client forged the first entry; the edge proxy appended what it saw; an inner proxy too.
        let header = ["1.2.3.4, 203.0.113.9", "10.1.2.3"];
        assert_eq!(proxies.client(ip("192.168.1.1"), &header), ip("203.0.113.9"));
        // No header at all: the proxy itself is all we know.
        assert_eq!(proxies.client(ip("10.0.0.1"), &[]), ip("10.0.0.1"));
        // A garbled hop stops the walk at the last trusted address.
        assert_eq!(proxies.client(ip("10.0.0.1"), &["203.0.113.9, n'importe quoi"]), ip("10.0.0.1"));
        // Every hop trusted: the left-most one.
        assert_eq!(proxies.client(ip("10.0.0.1"), &["10.0.0.7, 10.0.0.8"]), ip("10.0.0.7"));
    }

    #[test]
    fn mapped_ipv4_addresses_match_ipv4_blocks() {
        let proxies = TrustedProxies::parse("127.0.0.1").unwrap();
        assert_eq!(proxies.client(ip("::ffff:127.0.0.1"), &["::ffff:203.0.113.9"]), ip("203.0.113.9"));
    }

    #[test]
    fn bad_entries_are_named_in_french() {
        let error = TrustedProxies::parse("10.0.0.0/8, proxy.local").unwrap_err();
        assert!(error.contains("« proxy.local »"), "{error}");
        assert_eq!(TrustedProxies::parse("").unwrap(), TrustedProxies::default());
    }
}
