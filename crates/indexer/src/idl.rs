//! Every event's fields as JSON, decoded (Borsh) with the committed IDL
//! (`idl/autofactor.json`, itself checked against the program by
//! `autofactor-client`'s tests), so the raw `events` table keeps all of
//! each event, including ones no derived table uses. 64- and 128-bit
//! integers are JSON strings (exact in every client); smaller ones numbers;
//! public keys base58; byte arrays hex.

use anyhow::{anyhow, bail, Context as _};
use serde_json::{json, Map, Value as Json};
use std::collections::HashMap;
use std::sync::OnceLock;

const IDL_JSON: &str = include_str!("../../../idl/autofactor.json");

pub struct Idl {
    /// discriminator → event name
    events: HashMap<[u8; 8], String>,
    /// type name → IDL type definition
    types: HashMap<String, Json>,
}

pub fn idl() -> &'static Idl {
    static IDL: OnceLock<Idl> = OnceLock::new();
    IDL.get_or_init(|| Idl::parse(IDL_JSON).expect("the committed IDL parses"))
}

impl Idl {
    fn parse(text: &str) -> anyhow::Result<Self> {
        let v: Json = serde_json::from_str(text)?;
        let mut events = HashMap::new();
        for e in v["events"].as_array().ok_or_else(|| anyhow!("IDL without events"))? {
            let d: Vec<u8> = serde_json::from_value(e["discriminator"].clone())?;
            let d: [u8; 8] = d.try_into().map_err(|_| anyhow!("bad discriminator"))?;
            events.insert(d, e["name"].as_str().unwrap_or_default().to_string());
        }
        let mut types = HashMap::new();
        for t in v["types"].as_array().ok_or_else(|| anyhow!("IDL without types"))? {
            types.insert(t["name"].as_str().unwrap_or_default().to_string(), t["type"].clone());
        }
        Ok(Self { events, types })
    }

    /// Decodes an event body (after the event-CPI tag): `(name, fields)`.
    pub fn decode_event(&self, data: &[u8]) -> anyhow::Result<(String, Json)> {
        let d: [u8; 8] =
            data.get(..8).ok_or_else(|| anyhow!("event shorter than its discriminator"))?.try_into()?;
        let name =
            self.events.get(&d).ok_or_else(|| anyhow!("unknown event discriminator {}", hex::encode(d)))?;
        let mut rest = &data[8..];
        let v = self.defined(name, &mut rest).with_context(|| format!("decoding event {name}"))?;
        if !rest.is_empty() {
            bail!("event {name}: {} trailing bytes", rest.len());
        }
        Ok((name.clone(), v))
    }

    fn defined(&self, name: &str, buf: &mut &[u8]) -> anyhow::Result<Json> {
        let t = self.types.get(name).ok_or_else(|| anyhow!("type {name} not in the IDL"))?;
        match t["kind"].as_str() {
            Some("struct") => {
                let mut m = Map::new();
                for f in t["fields"].as_array().into_iter().flatten() {
                    let fname = f["name"].as_str().unwrap_or_default();
                    m.insert(
                        fname.to_string(),
                        self.value(&f["type"], buf).with_context(|| fname.to_string())?,
                    );
                }
                Ok(Json::Object(m))
            }
            Some("enum") => {
                let i = take(buf, 1)?[0] as usize;
                let variants =
                    t["variants"].as_array().ok_or_else(|| anyhow!("enum {name} without variants"))?;
                let v = variants.get(i).ok_or_else(|| anyhow!("enum {name}: variant {i} out of range"))?;
                if v.get("fields").is_some() {
                    bail!("enum {name}: variants with fields are not supported");
                }
                Ok(json!(v["name"]))
            }
            other => bail!("type {name}: unsupported kind {other:?}"),
        }
    }

    fn value(&self, ty: &Json, buf: &mut &[u8]) -> anyhow::Result<Json> {
        if let Some(s) = ty.as_str() {
            return Ok(match s {
                "bool" => json!(take(buf, 1)?[0] != 0),
                "u8" => json!(take(buf, 1)?[0]),
                "i8" => json!(take(buf, 1)?[0] as i8),
                "u16" => json!(u16::from_le_bytes(take(buf, 2)?.try_into()?)),
                "i16" => json!(i16::from_le_bytes(take(buf, 2)?.try_into()?)),
                "u32" => json!(u32::from_le_bytes(take(buf, 4)?.try_into()?)),
                "i32" => json!(i32::from_le_bytes(take(buf, 4)?.try_into()?)),
                "u64" => json!(u64::from_le_bytes(take(buf, 8)?.try_into()?).to_string()),
                "i64" => json!(i64::from_le_bytes(take(buf, 8)?.try_into()?).to_string()),
                "u128" => json!(u128::from_le_bytes(take(buf, 16)?.try_into()?).to_string()),
                "i128" => json!(i128::from_le_bytes(take(buf, 16)?.try_into()?).to_string()),
                "pubkey" => json!(bs58::encode(take(buf, 32)?).into_string()),
                "string" => {
                    let n = u32::from_le_bytes(take(buf, 4)?.try_into()?) as usize;
                    json!(String::from_utf8(take(buf, n)?.to_vec())?)
                }
                "bytes" => {
                    let n = u32::from_le_bytes(take(buf, 4)?.try_into()?) as usize;
                    json!(hex::encode(take(buf, n)?))
                }
                other => bail!("unsupported IDL type {other}"),
            });
        }
        if let Some(arr) = ty.get("array") {
            let inner = &arr[0];
            let n = arr[1].as_u64().ok_or_else(|| anyhow!("array without length"))? as usize;
            if inner.as_str() == Some("u8") {
                return Ok(json!(hex::encode(take(buf, n)?)));
            }
            return (0..n)
                .map(|_| self.value(inner, buf))
                .collect::<anyhow::Result<Vec<_>>>()
                .map(Json::Array);
        }
        if let Some(inner) = ty.get("vec") {
            let n = u32::from_le_bytes(take(buf, 4)?.try_into()?) as usize;
            return (0..n)
                .map(|_| self.value(inner, buf))
                .collect::<anyhow::Result<Vec<_>>>()
                .map(Json::Array);
        }
        if let Some(inner) = ty.get("option") {
            return Ok(if take(buf, 1)?[0] == 0 { Json::Null } else { self.value(inner, buf)? });
        }
        if let Some(d) = ty.get("defined") {
            let name =
                d["name"].as_str().or_else(|| d.as_str()).ok_or_else(|| anyhow!("bad defined type"))?;
            return self.defined(name, buf);
        }
        bail!("unsupported IDL type {ty}")
    }
}

fn take<'a>(buf: &mut &'a [u8], n: usize) -> anyhow::Result<&'a [u8]> {
    if buf.len() < n {
        bail!("truncated: needed {n} bytes, {} left", buf.len());
    }
    let (head, tail) = buf.split_at(n);
    *buf = tail;
    Ok(head)
}

#[cfg(test)]
mod tests {
    use super::*;
    use anchor_lang::{AnchorSerialize, Discriminator};
    use autofactor::events::{Deposited, PoolSnapshot};
    use autofactor::state::Tranche;

    #[test]
    fn decodes_a_program_event_with_every_field() {
        let e = Deposited {
            pool: anchor_lang::prelude::Pubkey::new_unique(),
            investor: anchor_lang::prelude::Pubkey::new_unique(),
            tranche: Tranche::Junior,
            amount_usdc: 5_000_000,
            shares: u64::MAX,
            snapshot: PoolSnapshot {
                nav_usdc: 1,
                cash_usdc: 2,
                senior_value_usdc: 3,
                junior_value_usdc: 4,
                senior_supply: 5,
                junior_supply: 6,
                senior_price: 7,
                junior_price: 8,
            },
            ts: -5,
            unlock_ts: 10,
        };
        let mut data = Deposited::DISCRIMINATOR.to_vec();
        e.serialize(&mut data).unwrap();
        let (name, v) = idl().decode_event(&data).unwrap();
        assert_eq!(name, "Deposited");
        assert_eq!(v["pool"], e.pool.to_string());
        assert_eq!(v["tranche"], "Junior");
        assert_eq!(v["shares"], u64::MAX.to_string());
        assert_eq!(v["snapshot"]["junior_price"], "8");
        assert_eq!(v["ts"], "-5");
        assert!(idl().decode_event(&data[..data.len() - 1]).is_err());
        let mut longer = data.clone();
        longer.push(0);
        assert!(idl().decode_event(&longer).is_err());
    }
}
