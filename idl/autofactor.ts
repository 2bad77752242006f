/**
 * Program IDL in camelCase format in order to be used in JS/TS.
 *
 * Note that this is only a type helper and is not the actual IDL. The original
 * IDL can be found at `target/idl/autofactor.json`.
 */
export type Autofactor = {
  "address": "5daKexHb6qwzVVELGnfM4e5UqL5NS5ifgtULDVNYpK88",
  "metadata": {
    "name": "autofactor",
    "version": "0.1.0",
    "spec": "0.1.0",
    "description": "Autofactor: invoice factoring on Solana — pools, tranches, identity registry"
  },
  "instructions": [
    {
      "name": "identityIssue",
      "docs": [
        "Issues the identity record of a wallet."
      ],
      "discriminator": [
        147,
        179,
        98,
        133,
        118,
        162,
        68,
        167
      ],
      "accounts": [
        {
          "name": "authority",
          "docs": [
            "The issuer's authority; pays for the record."
          ],
          "writable": true,
          "signer": true
        },
        {
          "name": "issuer",
          "docs": [
            "The signer's issuer account (must exist and be active)."
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  105,
                  115,
                  115,
                  117,
                  101,
                  114
                ]
              },
              {
                "kind": "account",
                "path": "authority"
              }
            ]
          }
        },
        {
          "name": "wallet"
        },
        {
          "name": "record",
          "docs": [
            "The record, created here."
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  105,
                  100,
                  101,
                  110,
                  116,
                  105,
                  116,
                  121
                ]
              },
              {
                "kind": "account",
                "path": "wallet"
              }
            ]
          }
        },
        {
          "name": "systemProgram",
          "address": "11111111111111111111111111111111"
        },
        {
          "name": "eventAuthority"
        },
        {
          "name": "program"
        }
      ],
      "args": [
        {
          "name": "terms",
          "type": {
            "defined": {
              "name": "identityTerms"
            }
          }
        }
      ]
    },
    {
      "name": "identityRevoke",
      "docs": [
        "Revokes an identity record."
      ],
      "discriminator": [
        201,
        231,
        73,
        40,
        116,
        23,
        175,
        218
      ],
      "accounts": [
        {
          "name": "authority",
          "docs": [
            "The authority of the issuer that issued the record."
          ],
          "signer": true
        },
        {
          "name": "record",
          "docs": [
            "The record."
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  105,
                  100,
                  101,
                  110,
                  116,
                  105,
                  116,
                  121
                ]
              },
              {
                "kind": "account",
                "path": "record.wallet",
                "account": "identityRecord"
              }
            ]
          }
        },
        {
          "name": "eventAuthority"
        },
        {
          "name": "program"
        }
      ],
      "args": []
    },
    {
      "name": "identityUpdate",
      "docs": [
        "Updates (and reinstates) an identity record."
      ],
      "discriminator": [
        48,
        245,
        213,
        152,
        3,
        178,
        54,
        133
      ],
      "accounts": [
        {
          "name": "authority",
          "docs": [
            "The issuer's authority."
          ],
          "signer": true
        },
        {
          "name": "issuer",
          "docs": [
            "The signer's issuer account (must be active)."
          ],
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  105,
                  115,
                  115,
                  117,
                  101,
                  114
                ]
              },
              {
                "kind": "account",
                "path": "authority"
              }
            ]
          }
        },
        {
          "name": "record",
          "docs": [
            "The record; only its own issuer may change it."
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  105,
                  100,
                  101,
                  110,
                  116,
                  105,
                  116,
                  121
                ]
              },
              {
                "kind": "account",
                "path": "record.wallet",
                "account": "identityRecord"
              }
            ]
          }
        },
        {
          "name": "eventAuthority"
        },
        {
          "name": "program"
        }
      ],
      "args": [
        {
          "name": "terms",
          "type": {
            "defined": {
              "name": "identityTerms"
            }
          }
        }
      ]
    },
    {
      "name": "invoiceAcknowledge",
      "docs": [
        "The buyer acknowledges the invoice."
      ],
      "discriminator": [
        158,
        160,
        36,
        158,
        38,
        244,
        148,
        189
      ],
      "accounts": [
        {
          "name": "buyerInvoice",
          "accounts": [
            {
              "name": "buyer",
              "docs": [
                "The invoice's buyer; pays for its reputation record on first use."
              ],
              "writable": true,
              "signer": true
            },
            {
              "name": "protocol",
              "docs": [
                "The configuration."
              ],
              "pda": {
                "seeds": [
                  {
                    "kind": "const",
                    "value": [
                      112,
                      114,
                      111,
                      116,
                      111,
                      99,
                      111,
                      108
                    ]
                  }
                ]
              }
            },
            {
              "name": "buyerIdentity",
              "docs": [
                "The buyer's identity record (role: buyer)."
              ],
              "pda": {
                "seeds": [
                  {
                    "kind": "const",
                    "value": [
                      105,
                      100,
                      101,
                      110,
                      116,
                      105,
                      116,
                      121
                    ]
                  },
                  {
                    "kind": "account",
                    "path": "buyer"
                  }
                ]
              }
            },
            {
              "name": "pool",
              "docs": [
                "The invoice's pool (its pause flag applies)."
              ]
            },
            {
              "name": "invoice",
              "docs": [
                "The invoice."
              ],
              "writable": true
            },
            {
              "name": "buyerReputation",
              "docs": [
                "The buyer entity's repayment record."
              ],
              "writable": true,
              "pda": {
                "seeds": [
                  {
                    "kind": "const",
                    "value": [
                      98,
                      117,
                      121,
                      101,
                      114,
                      95,
                      114,
                      101,
                      112,
                      117,
                      116,
                      97,
                      116,
                      105,
                      111,
                      110
                    ]
                  },
                  {
                    "kind": "account",
                    "path": "invoice.buyer_entity",
                    "account": "invoice"
                  }
                ]
              }
            },
            {
              "name": "invoiceAsset",
              "accounts": [
                {
                  "name": "asset",
                  "docs": [
                    "`invoice.asset` to be this key)."
                  ],
                  "writable": true
                },
                {
                  "name": "assetAuthority",
                  "docs": [
                    "delegate of every invoice asset."
                  ],
                  "pda": {
                    "seeds": [
                      {
                        "kind": "const",
                        "value": [
                          97,
                          115,
                          115,
                          101,
                          116,
                          95,
                          97,
                          117,
                          116,
                          104,
                          111,
                          114,
                          105,
                          116,
                          121
                        ]
                      }
                    ]
                  }
                },
                {
                  "name": "coreProgram",
                  "address": "CoREENxT6tW1HoK8ypY1SxRMZTcVPm7R94rH4PZNhX7d"
                }
              ]
            },
            {
              "name": "systemProgram",
              "docs": [
                "The system program."
              ],
              "address": "11111111111111111111111111111111"
            }
          ]
        },
        {
          "name": "eventAuthority"
        },
        {
          "name": "program"
        }
      ],
      "args": []
    },
    {
      "name": "invoiceAttest",
      "docs": [
        "A pool verifier attests delivery and credit."
      ],
      "discriminator": [
        21,
        253,
        105,
        79,
        109,
        146,
        222,
        3
      ],
      "accounts": [
        {
          "name": "verifier",
          "docs": [
            "The verifier."
          ],
          "writable": true,
          "signer": true
        },
        {
          "name": "protocol",
          "docs": [
            "The configuration."
          ],
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  114,
                  111,
                  116,
                  111,
                  99,
                  111,
                  108
                ]
              }
            ]
          }
        },
        {
          "name": "verifierIdentity",
          "docs": [
            "The verifier's identity record (role: verifier)."
          ],
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  105,
                  100,
                  101,
                  110,
                  116,
                  105,
                  116,
                  121
                ]
              },
              {
                "kind": "account",
                "path": "verifier"
              }
            ]
          }
        },
        {
          "name": "pool",
          "docs": [
            "The invoice's pool."
          ]
        },
        {
          "name": "poolVerifier",
          "docs": [
            "`[\"pool_verifier\", pool, verifier]`; must exist."
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  111,
                  108,
                  95,
                  118,
                  101,
                  114,
                  105,
                  102,
                  105,
                  101,
                  114
                ]
              },
              {
                "kind": "account",
                "path": "pool"
              },
              {
                "kind": "account",
                "path": "verifier"
              }
            ]
          }
        },
        {
          "name": "invoice",
          "docs": [
            "The invoice."
          ],
          "writable": true
        },
        {
          "name": "invoiceAsset",
          "accounts": [
            {
              "name": "asset",
              "docs": [
                "`invoice.asset` to be this key)."
              ],
              "writable": true
            },
            {
              "name": "assetAuthority",
              "docs": [
                "delegate of every invoice asset."
              ],
              "pda": {
                "seeds": [
                  {
                    "kind": "const",
                    "value": [
                      97,
                      115,
                      115,
                      101,
                      116,
                      95,
                      97,
                      117,
                      116,
                      104,
                      111,
                      114,
                      105,
                      116,
                      121
                    ]
                  }
                ]
              }
            },
            {
              "name": "coreProgram",
              "address": "CoREENxT6tW1HoK8ypY1SxRMZTcVPm7R94rH4PZNhX7d"
            }
          ]
        },
        {
          "name": "systemProgram",
          "docs": [
            "The system program."
          ],
          "address": "11111111111111111111111111111111"
        },
        {
          "name": "eventAuthority"
        },
        {
          "name": "program"
        }
      ],
      "args": [
        {
          "name": "args",
          "type": {
            "defined": {
              "name": "invoiceAttestArgs"
            }
          }
        }
      ]
    },
    {
      "name": "invoiceCancel",
      "docs": [
        "The supplier cancels an unfinanced invoice."
      ],
      "discriminator": [
        198,
        201,
        126,
        94,
        217,
        177,
        114,
        54
      ],
      "accounts": [
        {
          "name": "supplier",
          "docs": [
            "The supplier (receives the rent)."
          ],
          "writable": true,
          "signer": true,
          "relations": [
            "invoice"
          ]
        },
        {
          "name": "invoice",
          "docs": [
            "The invoice; closed here."
          ],
          "writable": true
        },
        {
          "name": "documentEntry",
          "docs": [
            "Registry entry of the document; closed here."
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  100,
                  111,
                  99,
                  117,
                  109,
                  101,
                  110,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "invoice.document_hash",
                "account": "invoice"
              }
            ]
          }
        },
        {
          "name": "numberEntry",
          "docs": [
            "Registry entry of the invoice number; closed here."
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  105,
                  110,
                  118,
                  111,
                  105,
                  99,
                  101,
                  95,
                  110,
                  117,
                  109,
                  98,
                  101,
                  114
                ]
              },
              {
                "kind": "account",
                "path": "invoice.supplier_entity",
                "account": "invoice"
              },
              {
                "kind": "account",
                "path": "invoice.invoice_number_hash",
                "account": "invoice"
              }
            ]
          }
        },
        {
          "name": "supplierReputation",
          "docs": [
            "The supplier entity's record (created with its first invoice)."
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  117,
                  112,
                  112,
                  108,
                  105,
                  101,
                  114,
                  95,
                  114,
                  101,
                  112,
                  117,
                  116,
                  97,
                  116,
                  105,
                  111,
                  110
                ]
              },
              {
                "kind": "account",
                "path": "invoice.supplier_entity",
                "account": "invoice"
              }
            ]
          }
        },
        {
          "name": "invoiceAsset",
          "accounts": [
            {
              "name": "asset",
              "docs": [
                "`invoice.asset` to be this key)."
              ],
              "writable": true
            },
            {
              "name": "assetAuthority",
              "docs": [
                "delegate of every invoice asset."
              ],
              "pda": {
                "seeds": [
                  {
                    "kind": "const",
                    "value": [
                      97,
                      115,
                      115,
                      101,
                      116,
                      95,
                      97,
                      117,
                      116,
                      104,
                      111,
                      114,
                      105,
                      116,
                      121
                    ]
                  }
                ]
              }
            },
            {
              "name": "coreProgram",
              "address": "CoREENxT6tW1HoK8ypY1SxRMZTcVPm7R94rH4PZNhX7d"
            }
          ]
        },
        {
          "name": "systemProgram",
          "docs": [
            "The system program."
          ],
          "address": "11111111111111111111111111111111"
        },
        {
          "name": "eventAuthority"
        },
        {
          "name": "program"
        }
      ],
      "args": []
    },
    {
      "name": "invoiceClaimReserve",
      "docs": [
        "The supplier claims a reserve that settlement or the close of a",
        "default could not deliver; closes the invoice account."
      ],
      "discriminator": [
        130,
        178,
        156,
        4,
        218,
        218,
        227,
        212
      ],
      "accounts": [
        {
          "name": "supplier",
          "docs": [
            "The invoice's supplier; receives the invoice account's rent."
          ],
          "writable": true,
          "signer": true,
          "relations": [
            "invoice"
          ]
        },
        {
          "name": "poolVault",
          "accounts": [
            {
              "name": "pool",
              "docs": [
                "The pool."
              ],
              "writable": true
            },
            {
              "name": "usdcMint",
              "docs": [
                "The pool's USDC mint, owned by the USDC token program passed (a",
                "wrong program would derive other, missing, associated accounts)."
              ],
              "relations": [
                "pool"
              ]
            },
            {
              "name": "vault",
              "docs": [
                "The pool's vault."
              ],
              "writable": true,
              "relations": [
                "pool"
              ]
            },
            {
              "name": "usdcTokenProgram",
              "docs": [
                "Token program of USDC."
              ]
            }
          ]
        },
        {
          "name": "invoice",
          "docs": [
            "The closed invoice holding the reserve owed; closed here."
          ],
          "writable": true
        },
        {
          "name": "destination",
          "docs": [
            "Any USDC account of the supplier's (it need not be the associated one)."
          ],
          "writable": true
        },
        {
          "name": "eventAuthority"
        },
        {
          "name": "program"
        }
      ],
      "args": []
    },
    {
      "name": "invoiceCloseDefaulted",
      "docs": [
        "Closes a defaulted invoice at the end of its recovery period",
        "(anyone): the reserve collected goes to the supplier, the asset is",
        "burned, the invoice closed."
      ],
      "discriminator": [
        174,
        33,
        206,
        6,
        205,
        247,
        112,
        161
      ],
      "accounts": [
        {
          "name": "keeper",
          "docs": [
            "Any wallet."
          ],
          "signer": true
        },
        {
          "name": "ending",
          "accounts": [
            {
              "name": "poolVault",
              "accounts": [
                {
                  "name": "pool",
                  "docs": [
                    "The pool."
                  ],
                  "writable": true
                },
                {
                  "name": "usdcMint",
                  "docs": [
                    "The pool's USDC mint, owned by the USDC token program passed (a",
                    "wrong program would derive other, missing, associated accounts)."
                  ],
                  "relations": [
                    "pool"
                  ]
                },
                {
                  "name": "vault",
                  "docs": [
                    "The pool's vault."
                  ],
                  "writable": true,
                  "relations": [
                    "pool"
                  ]
                },
                {
                  "name": "usdcTokenProgram",
                  "docs": [
                    "Token program of USDC."
                  ]
                }
              ]
            },
            {
              "name": "invoice",
              "docs": [
                "The invoice; closed here (rent to the supplier), or kept `Closed`",
                "while its reserve is owed."
              ],
              "writable": true
            },
            {
              "name": "supplier",
              "docs": [
                "rents back."
              ],
              "writable": true,
              "relations": [
                "invoice"
              ]
            },
            {
              "name": "invoiceAsset",
              "accounts": [
                {
                  "name": "asset",
                  "docs": [
                    "`invoice.asset` to be this key)."
                  ],
                  "writable": true
                },
                {
                  "name": "assetAuthority",
                  "writable": true,
                  "pda": {
                    "seeds": [
                      {
                        "kind": "const",
                        "value": [
                          97,
                          115,
                          115,
                          101,
                          116,
                          95,
                          97,
                          117,
                          116,
                          104,
                          111,
                          114,
                          105,
                          116,
                          121
                        ]
                      }
                    ]
                  }
                },
                {
                  "name": "coreProgram",
                  "address": "CoREENxT6tW1HoK8ypY1SxRMZTcVPm7R94rH4PZNhX7d"
                }
              ]
            },
            {
              "name": "systemProgram",
              "docs": [
                "The system program."
              ],
              "address": "11111111111111111111111111111111"
            }
          ]
        },
        {
          "name": "supplierUsdc",
          "docs": [
            "A USDC account the supplier owns (usually its ATA); receives the",
            "reserve. Without one that can receive, the reserve stays owed."
          ],
          "writable": true,
          "optional": true
        },
        {
          "name": "buyerExposure",
          "docs": [
            "The pool's exposure to the buyer (the invoice leaves it)."
          ],
          "writable": true
        },
        {
          "name": "supplierExposure",
          "docs": [
            "The pool's exposure to the supplier (the invoice leaves it)."
          ],
          "writable": true
        },
        {
          "name": "fx",
          "accounts": [
            {
              "name": "currencyConfig",
              "docs": [
                "The pool's configuration of the invoice currency (required unless",
                "USD); counts the pool's open invoices in the currency."
              ],
              "writable": true,
              "optional": true
            },
            {
              "name": "fxPrice",
              "docs": [
                "unless USD); read by [`FxQuote::read`]."
              ],
              "optional": true
            }
          ]
        },
        {
          "name": "eventAuthority"
        },
        {
          "name": "program"
        }
      ],
      "args": []
    },
    {
      "name": "invoiceCreate",
      "docs": [
        "Originates an invoice and mints its Core asset."
      ],
      "discriminator": [
        173,
        127,
        227,
        100,
        67,
        150,
        55,
        164
      ],
      "accounts": [
        {
          "name": "supplier",
          "docs": [
            "The supplier; owns the asset and pays every account created."
          ],
          "writable": true,
          "signer": true
        },
        {
          "name": "protocol",
          "docs": [
            "The configuration."
          ],
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  114,
                  111,
                  116,
                  111,
                  99,
                  111,
                  108
                ]
              }
            ]
          }
        },
        {
          "name": "supplierIdentity",
          "docs": [
            "The supplier's identity record (role: supplier)."
          ],
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  105,
                  100,
                  101,
                  110,
                  116,
                  105,
                  116,
                  121
                ]
              },
              {
                "kind": "account",
                "path": "supplier"
              }
            ]
          }
        },
        {
          "name": "buyer"
        },
        {
          "name": "buyerIdentity",
          "docs": [
            "The buyer's identity record (role: buyer)."
          ],
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  105,
                  100,
                  101,
                  110,
                  116,
                  105,
                  116,
                  121
                ]
              },
              {
                "kind": "account",
                "path": "buyer"
              }
            ]
          }
        },
        {
          "name": "pool",
          "docs": [
            "The pool the invoice is offered to."
          ]
        },
        {
          "name": "invoice",
          "docs": [
            "The invoice, created here."
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  105,
                  110,
                  118,
                  111,
                  105,
                  99,
                  101
                ]
              },
              {
                "kind": "account",
                "path": "asset"
              }
            ]
          }
        },
        {
          "name": "asset",
          "docs": [
            "The new Core asset (a fresh keypair)."
          ],
          "writable": true,
          "signer": true
        },
        {
          "name": "documentEntry",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  100,
                  111,
                  99,
                  117,
                  109,
                  101,
                  110,
                  116
                ]
              },
              {
                "kind": "arg",
                "path": "args.document_hash"
              }
            ]
          }
        },
        {
          "name": "numberEntry",
          "docs": [
            "invoice number; must not exist yet."
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  105,
                  110,
                  118,
                  111,
                  105,
                  99,
                  101,
                  95,
                  110,
                  117,
                  109,
                  98,
                  101,
                  114
                ]
              },
              {
                "kind": "account",
                "path": "supplier_identity.entity_key",
                "account": "identityRecord"
              },
              {
                "kind": "arg",
                "path": "args.invoice_number_hash"
              }
            ]
          }
        },
        {
          "name": "buyerExposure",
          "docs": [
            "The pool's exposure record for the buyer's legal entity (created on first use)."
          ],
          "writable": true
        },
        {
          "name": "supplierExposure",
          "docs": [
            "The pool's exposure record for the supplier's legal entity (created on first use)."
          ],
          "writable": true
        },
        {
          "name": "supplierReputation",
          "docs": [
            "The supplier entity's record (created by its first invoice, the",
            "supplier paying the rent): one more invoice created."
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  117,
                  112,
                  112,
                  108,
                  105,
                  101,
                  114,
                  95,
                  114,
                  101,
                  112,
                  117,
                  116,
                  97,
                  116,
                  105,
                  111,
                  110
                ]
              },
              {
                "kind": "account",
                "path": "supplier_identity.entity_key",
                "account": "identityRecord"
              }
            ]
          }
        },
        {
          "name": "currencyConfig",
          "docs": [
            "`[\"currency\", pool, code]` (unless USD); its absence means the pool",
            "does not accept the currency. Checked in `validate`."
          ],
          "optional": true
        },
        {
          "name": "assetAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  97,
                  115,
                  115,
                  101,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "name": "coreProgram",
          "address": "CoREENxT6tW1HoK8ypY1SxRMZTcVPm7R94rH4PZNhX7d"
        },
        {
          "name": "systemProgram",
          "address": "11111111111111111111111111111111"
        },
        {
          "name": "eventAuthority"
        },
        {
          "name": "program"
        }
      ],
      "args": [
        {
          "name": "args",
          "type": {
            "defined": {
              "name": "invoiceCreateArgs"
            }
          }
        }
      ]
    },
    {
      "name": "invoiceDispute",
      "docs": [
        "The buyer disputes the invoice."
      ],
      "discriminator": [
        79,
        38,
        217,
        104,
        198,
        119,
        102,
        84
      ],
      "accounts": [
        {
          "name": "buyerInvoice",
          "accounts": [
            {
              "name": "buyer",
              "docs": [
                "The invoice's buyer; pays for its reputation record on first use."
              ],
              "writable": true,
              "signer": true
            },
            {
              "name": "protocol",
              "docs": [
                "The configuration."
              ],
              "pda": {
                "seeds": [
                  {
                    "kind": "const",
                    "value": [
                      112,
                      114,
                      111,
                      116,
                      111,
                      99,
                      111,
                      108
                    ]
                  }
                ]
              }
            },
            {
              "name": "buyerIdentity",
              "docs": [
                "The buyer's identity record (role: buyer)."
              ],
              "pda": {
                "seeds": [
                  {
                    "kind": "const",
                    "value": [
                      105,
                      100,
                      101,
                      110,
                      116,
                      105,
                      116,
                      121
                    ]
                  },
                  {
                    "kind": "account",
                    "path": "buyer"
                  }
                ]
              }
            },
            {
              "name": "pool",
              "docs": [
                "The invoice's pool (its pause flag applies)."
              ]
            },
            {
              "name": "invoice",
              "docs": [
                "The invoice."
              ],
              "writable": true
            },
            {
              "name": "buyerReputation",
              "docs": [
                "The buyer entity's repayment record."
              ],
              "writable": true,
              "pda": {
                "seeds": [
                  {
                    "kind": "const",
                    "value": [
                      98,
                      117,
                      121,
                      101,
                      114,
                      95,
                      114,
                      101,
                      112,
                      117,
                      116,
                      97,
                      116,
                      105,
                      111,
                      110
                    ]
                  },
                  {
                    "kind": "account",
                    "path": "invoice.buyer_entity",
                    "account": "invoice"
                  }
                ]
              }
            },
            {
              "name": "invoiceAsset",
              "accounts": [
                {
                  "name": "asset",
                  "docs": [
                    "`invoice.asset` to be this key)."
                  ],
                  "writable": true
                },
                {
                  "name": "assetAuthority",
                  "docs": [
                    "delegate of every invoice asset."
                  ],
                  "pda": {
                    "seeds": [
                      {
                        "kind": "const",
                        "value": [
                          97,
                          115,
                          115,
                          101,
                          116,
                          95,
                          97,
                          117,
                          116,
                          104,
                          111,
                          114,
                          105,
                          116,
                          121
                        ]
                      }
                    ]
                  }
                },
                {
                  "name": "coreProgram",
                  "address": "CoREENxT6tW1HoK8ypY1SxRMZTcVPm7R94rH4PZNhX7d"
                }
              ]
            },
            {
              "name": "systemProgram",
              "docs": [
                "The system program."
              ],
              "address": "11111111111111111111111111111111"
            }
          ]
        },
        {
          "name": "supplierReputation",
          "docs": [
            "The supplier entity's record (created with its first invoice)."
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  117,
                  112,
                  112,
                  108,
                  105,
                  101,
                  114,
                  95,
                  114,
                  101,
                  112,
                  117,
                  116,
                  97,
                  116,
                  105,
                  111,
                  110
                ]
              },
              {
                "kind": "account",
                "path": "buyer_invoice.invoice.supplier_entity",
                "account": "buyerInvoice"
              }
            ]
          }
        },
        {
          "name": "eventAuthority"
        },
        {
          "name": "program"
        }
      ],
      "args": [
        {
          "name": "reasonHash",
          "type": {
            "array": [
              "u8",
              32
            ]
          }
        }
      ]
    },
    {
      "name": "invoiceFinance",
      "docs": [
        "The pool buys the invoice (autopilot financing)."
      ],
      "discriminator": [
        111,
        67,
        27,
        112,
        125,
        172,
        204,
        180
      ],
      "accounts": [
        {
          "name": "supplier",
          "docs": [
            "The supplier."
          ],
          "writable": true,
          "signer": true,
          "relations": [
            "invoice"
          ]
        },
        {
          "name": "protocol",
          "docs": [
            "The configuration."
          ],
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  114,
                  111,
                  116,
                  111,
                  99,
                  111,
                  108
                ]
              }
            ]
          }
        },
        {
          "name": "supplierIdentity",
          "docs": [
            "The supplier's identity record (role: supplier)."
          ],
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  105,
                  100,
                  101,
                  110,
                  116,
                  105,
                  116,
                  121
                ]
              },
              {
                "kind": "account",
                "path": "supplier"
              }
            ]
          }
        },
        {
          "name": "poolVault",
          "accounts": [
            {
              "name": "pool",
              "docs": [
                "The pool."
              ],
              "writable": true
            },
            {
              "name": "usdcMint",
              "docs": [
                "The pool's USDC mint, owned by the USDC token program passed (a",
                "wrong program would derive other, missing, associated accounts)."
              ],
              "relations": [
                "pool"
              ]
            },
            {
              "name": "vault",
              "docs": [
                "The pool's vault."
              ],
              "writable": true,
              "relations": [
                "pool"
              ]
            },
            {
              "name": "usdcTokenProgram",
              "docs": [
                "Token program of USDC."
              ]
            }
          ]
        },
        {
          "name": "calendar",
          "docs": [
            "The pool's deadline calendar: gets the invoice's overdue deadline."
          ],
          "writable": true
        },
        {
          "name": "supplierUsdc",
          "docs": [
            "The supplier's USDC account (receives the advance)."
          ],
          "writable": true
        },
        {
          "name": "invoice",
          "docs": [
            "The invoice."
          ],
          "writable": true
        },
        {
          "name": "buyerExposure",
          "docs": [
            "The pool's exposure to the invoice's buyer entity."
          ],
          "writable": true
        },
        {
          "name": "supplierExposure",
          "docs": [
            "The pool's exposure to the invoice's supplier entity."
          ],
          "writable": true
        },
        {
          "name": "buyerReputation",
          "docs": [
            "(created when it acknowledged the invoice), read in `handle` after",
            "the status checks: by the credit policy, and a non-USD invoice's",
            "acknowledged volume is counted in it at the financing rate."
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  98,
                  117,
                  121,
                  101,
                  114,
                  95,
                  114,
                  101,
                  112,
                  117,
                  116,
                  97,
                  116,
                  105,
                  111,
                  110
                ]
              },
              {
                "kind": "account",
                "path": "invoice.buyer_entity",
                "account": "invoice"
              }
            ]
          }
        },
        {
          "name": "supplierReputation",
          "docs": [
            "The supplier entity's record (created with its first invoice): read",
            "by the credit policy, counts the financing."
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  117,
                  112,
                  112,
                  108,
                  105,
                  101,
                  114,
                  95,
                  114,
                  101,
                  112,
                  117,
                  116,
                  97,
                  116,
                  105,
                  111,
                  110
                ]
              },
              {
                "kind": "account",
                "path": "invoice.supplier_entity",
                "account": "invoice"
              }
            ]
          }
        },
        {
          "name": "fx",
          "accounts": [
            {
              "name": "currencyConfig",
              "docs": [
                "The pool's configuration of the invoice currency (required unless",
                "USD); counts the pool's open invoices in the currency."
              ],
              "writable": true,
              "optional": true
            },
            {
              "name": "fxPrice",
              "docs": [
                "unless USD); read by [`FxQuote::read`]."
              ],
              "optional": true
            }
          ]
        },
        {
          "name": "usdcPrice",
          "docs": [
            "protocol's depeg guard is on); checked in `handle`."
          ],
          "optional": true
        },
        {
          "name": "invoiceAsset",
          "accounts": [
            {
              "name": "asset",
              "docs": [
                "`invoice.asset` to be this key)."
              ],
              "writable": true
            },
            {
              "name": "assetAuthority",
              "docs": [
                "delegate of every invoice asset."
              ],
              "pda": {
                "seeds": [
                  {
                    "kind": "const",
                    "value": [
                      97,
                      115,
                      115,
                      101,
                      116,
                      95,
                      97,
                      117,
                      116,
                      104,
                      111,
                      114,
                      105,
                      116,
                      121
                    ]
                  }
                ]
              }
            },
            {
              "name": "coreProgram",
              "address": "CoREENxT6tW1HoK8ypY1SxRMZTcVPm7R94rH4PZNhX7d"
            }
          ]
        },
        {
          "name": "systemProgram",
          "docs": [
            "The system program."
          ],
          "address": "11111111111111111111111111111111"
        },
        {
          "name": "eventAuthority"
        },
        {
          "name": "program"
        }
      ],
      "args": [
        {
          "name": "args",
          "type": {
            "defined": {
              "name": "invoiceFinanceArgs"
            }
          }
        }
      ]
    },
    {
      "name": "invoiceMarkLate",
      "docs": [
        "Marks an invoice late after due + grace (keeper)."
      ],
      "discriminator": [
        142,
        164,
        100,
        147,
        224,
        2,
        219,
        127
      ],
      "accounts": [
        {
          "name": "overdue",
          "accounts": [
            {
              "name": "keeper",
              "docs": [
                "Any wallet; pays for attribute resizing."
              ],
              "writable": true,
              "signer": true
            },
            {
              "name": "pool",
              "docs": [
                "The invoice's pool."
              ],
              "writable": true
            },
            {
              "name": "calendar",
              "docs": [
                "The pool's deadline calendar."
              ],
              "writable": true
            },
            {
              "name": "invoice",
              "docs": [
                "The invoice."
              ],
              "writable": true
            },
            {
              "name": "buyerReputation",
              "docs": [
                "The buyer entity's repayment record."
              ],
              "writable": true,
              "pda": {
                "seeds": [
                  {
                    "kind": "const",
                    "value": [
                      98,
                      117,
                      121,
                      101,
                      114,
                      95,
                      114,
                      101,
                      112,
                      117,
                      116,
                      97,
                      116,
                      105,
                      111,
                      110
                    ]
                  },
                  {
                    "kind": "account",
                    "path": "invoice.buyer_entity",
                    "account": "invoice"
                  }
                ]
              }
            },
            {
              "name": "invoiceAsset",
              "accounts": [
                {
                  "name": "asset",
                  "docs": [
                    "`invoice.asset` to be this key)."
                  ],
                  "writable": true
                },
                {
                  "name": "assetAuthority",
                  "docs": [
                    "delegate of every invoice asset."
                  ],
                  "pda": {
                    "seeds": [
                      {
                        "kind": "const",
                        "value": [
                          97,
                          115,
                          115,
                          101,
                          116,
                          95,
                          97,
                          117,
                          116,
                          104,
                          111,
                          114,
                          105,
                          116,
                          121
                        ]
                      }
                    ]
                  }
                },
                {
                  "name": "coreProgram",
                  "address": "CoREENxT6tW1HoK8ypY1SxRMZTcVPm7R94rH4PZNhX7d"
                }
              ]
            },
            {
              "name": "systemProgram",
              "docs": [
                "The system program."
              ],
              "address": "11111111111111111111111111111111"
            }
          ]
        },
        {
          "name": "eventAuthority"
        },
        {
          "name": "program"
        }
      ],
      "args": []
    },
    {
      "name": "invoiceMature",
      "docs": [
        "Stops an invoice's income accrual at its due date (keeper)."
      ],
      "discriminator": [
        20,
        26,
        173,
        212,
        163,
        21,
        174,
        172
      ],
      "accounts": [
        {
          "name": "pool",
          "docs": [
            "The invoice's pool."
          ],
          "writable": true
        },
        {
          "name": "calendar",
          "docs": [
            "The pool's deadline calendar."
          ],
          "writable": true
        },
        {
          "name": "invoice",
          "docs": [
            "The invoice."
          ],
          "writable": true
        },
        {
          "name": "eventAuthority"
        },
        {
          "name": "program"
        }
      ],
      "args": []
    },
    {
      "name": "invoiceRepay",
      "docs": [
        "Pays toward an invoice."
      ],
      "discriminator": [
        89,
        93,
        163,
        33,
        142,
        167,
        254,
        168
      ],
      "accounts": [
        {
          "name": "payer",
          "docs": [
            "Whoever pays."
          ],
          "writable": true,
          "signer": true
        },
        {
          "name": "poolVault",
          "accounts": [
            {
              "name": "pool",
              "docs": [
                "The pool."
              ],
              "writable": true
            },
            {
              "name": "usdcMint",
              "docs": [
                "The pool's USDC mint, owned by the USDC token program passed (a",
                "wrong program would derive other, missing, associated accounts)."
              ],
              "relations": [
                "pool"
              ]
            },
            {
              "name": "vault",
              "docs": [
                "The pool's vault."
              ],
              "writable": true,
              "relations": [
                "pool"
              ]
            },
            {
              "name": "usdcTokenProgram",
              "docs": [
                "Token program of USDC."
              ]
            }
          ]
        },
        {
          "name": "calendar",
          "docs": [
            "The pool's deadline calendar (a payment past the overdue time",
            "applies that deadline; a full repayment clears the invoice's)."
          ],
          "writable": true
        },
        {
          "name": "payerUsdc",
          "docs": [
            "The payer's USDC account."
          ],
          "writable": true
        },
        {
          "name": "invoice",
          "docs": [
            "The invoice."
          ],
          "writable": true
        },
        {
          "name": "buyerReputation",
          "docs": [
            "The buyer's reputation record."
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  98,
                  117,
                  121,
                  101,
                  114,
                  95,
                  114,
                  101,
                  112,
                  117,
                  116,
                  97,
                  116,
                  105,
                  111,
                  110
                ]
              },
              {
                "kind": "account",
                "path": "invoice.buyer_entity",
                "account": "invoice"
              }
            ]
          }
        },
        {
          "name": "buyerExposure",
          "docs": [
            "The pool's exposure to the buyer."
          ],
          "writable": true
        },
        {
          "name": "supplierExposure",
          "docs": [
            "The pool's exposure to the supplier."
          ],
          "writable": true
        },
        {
          "name": "fx",
          "accounts": [
            {
              "name": "currencyConfig",
              "docs": [
                "The pool's configuration of the invoice currency (required unless",
                "USD); counts the pool's open invoices in the currency."
              ],
              "writable": true,
              "optional": true
            },
            {
              "name": "fxPrice",
              "docs": [
                "unless USD); read by [`FxQuote::read`]."
              ],
              "optional": true
            }
          ]
        },
        {
          "name": "invoiceAsset",
          "accounts": [
            {
              "name": "asset",
              "docs": [
                "`invoice.asset` to be this key)."
              ],
              "writable": true
            },
            {
              "name": "assetAuthority",
              "docs": [
                "delegate of every invoice asset."
              ],
              "pda": {
                "seeds": [
                  {
                    "kind": "const",
                    "value": [
                      97,
                      115,
                      115,
                      101,
                      116,
                      95,
                      97,
                      117,
                      116,
                      104,
                      111,
                      114,
                      105,
                      116,
                      121
                    ]
                  }
                ]
              }
            },
            {
              "name": "coreProgram",
              "address": "CoREENxT6tW1HoK8ypY1SxRMZTcVPm7R94rH4PZNhX7d"
            }
          ]
        },
        {
          "name": "systemProgram",
          "docs": [
            "The system program."
          ],
          "address": "11111111111111111111111111111111"
        },
        {
          "name": "eventAuthority"
        },
        {
          "name": "program"
        }
      ],
      "args": [
        {
          "name": "args",
          "type": {
            "defined": {
              "name": "invoiceRepayArgs"
            }
          }
        }
      ]
    },
    {
      "name": "invoiceSettle",
      "docs": [
        "Settles a repaid invoice: reserve out, asset burned, account closed."
      ],
      "discriminator": [
        59,
        237,
        4,
        123,
        248,
        220,
        183,
        57
      ],
      "accounts": [
        {
          "name": "keeper",
          "docs": [
            "Any wallet; pays for re-creating the supplier's USDC account if needed."
          ],
          "writable": true,
          "signer": true
        },
        {
          "name": "ending",
          "accounts": [
            {
              "name": "poolVault",
              "accounts": [
                {
                  "name": "pool",
                  "docs": [
                    "The pool."
                  ],
                  "writable": true
                },
                {
                  "name": "usdcMint",
                  "docs": [
                    "The pool's USDC mint, owned by the USDC token program passed (a",
                    "wrong program would derive other, missing, associated accounts)."
                  ],
                  "relations": [
                    "pool"
                  ]
                },
                {
                  "name": "vault",
                  "docs": [
                    "The pool's vault."
                  ],
                  "writable": true,
                  "relations": [
                    "pool"
                  ]
                },
                {
                  "name": "usdcTokenProgram",
                  "docs": [
                    "Token program of USDC."
                  ]
                }
              ]
            },
            {
              "name": "invoice",
              "docs": [
                "The invoice; closed here (rent to the supplier), or kept `Closed`",
                "while its reserve is owed."
              ],
              "writable": true
            },
            {
              "name": "supplier",
              "docs": [
                "rents back."
              ],
              "writable": true,
              "relations": [
                "invoice"
              ]
            },
            {
              "name": "invoiceAsset",
              "accounts": [
                {
                  "name": "asset",
                  "docs": [
                    "`invoice.asset` to be this key)."
                  ],
                  "writable": true
                },
                {
                  "name": "assetAuthority",
                  "writable": true,
                  "pda": {
                    "seeds": [
                      {
                        "kind": "const",
                        "value": [
                          97,
                          115,
                          115,
                          101,
                          116,
                          95,
                          97,
                          117,
                          116,
                          104,
                          111,
                          114,
                          105,
                          116,
                          121
                        ]
                      }
                    ]
                  }
                },
                {
                  "name": "coreProgram",
                  "address": "CoREENxT6tW1HoK8ypY1SxRMZTcVPm7R94rH4PZNhX7d"
                }
              ]
            },
            {
              "name": "systemProgram",
              "docs": [
                "The system program."
              ],
              "address": "11111111111111111111111111111111"
            }
          ]
        },
        {
          "name": "supplierUsdc",
          "writable": true
        },
        {
          "name": "associatedTokenProgram",
          "docs": [
            "The associated token program."
          ],
          "address": "ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL"
        },
        {
          "name": "eventAuthority"
        },
        {
          "name": "program"
        }
      ],
      "args": []
    },
    {
      "name": "invoiceWriteDown",
      "docs": [
        "Records in a Late invoice's own book the write-down that NAV already",
        "carries (the running write-down of its schedule); from its write-off",
        "horizon, defaults it (keeper)."
      ],
      "discriminator": [
        205,
        123,
        52,
        192,
        27,
        158,
        154,
        118
      ],
      "accounts": [
        {
          "name": "overdue",
          "accounts": [
            {
              "name": "keeper",
              "docs": [
                "Any wallet; pays for attribute resizing."
              ],
              "writable": true,
              "signer": true
            },
            {
              "name": "pool",
              "docs": [
                "The invoice's pool."
              ],
              "writable": true
            },
            {
              "name": "calendar",
              "docs": [
                "The pool's deadline calendar."
              ],
              "writable": true
            },
            {
              "name": "invoice",
              "docs": [
                "The invoice."
              ],
              "writable": true
            },
            {
              "name": "buyerReputation",
              "docs": [
                "The buyer entity's repayment record."
              ],
              "writable": true,
              "pda": {
                "seeds": [
                  {
                    "kind": "const",
                    "value": [
                      98,
                      117,
                      121,
                      101,
                      114,
                      95,
                      114,
                      101,
                      112,
                      117,
                      116,
                      97,
                      116,
                      105,
                      111,
                      110
                    ]
                  },
                  {
                    "kind": "account",
                    "path": "invoice.buyer_entity",
                    "account": "invoice"
                  }
                ]
              }
            },
            {
              "name": "invoiceAsset",
              "accounts": [
                {
                  "name": "asset",
                  "docs": [
                    "`invoice.asset` to be this key)."
                  ],
                  "writable": true
                },
                {
                  "name": "assetAuthority",
                  "docs": [
                    "delegate of every invoice asset."
                  ],
                  "pda": {
                    "seeds": [
                      {
                        "kind": "const",
                        "value": [
                          97,
                          115,
                          115,
                          101,
                          116,
                          95,
                          97,
                          117,
                          116,
                          104,
                          111,
                          114,
                          105,
                          116,
                          121
                        ]
                      }
                    ]
                  }
                },
                {
                  "name": "coreProgram",
                  "address": "CoREENxT6tW1HoK8ypY1SxRMZTcVPm7R94rH4PZNhX7d"
                }
              ]
            },
            {
              "name": "systemProgram",
              "docs": [
                "The system program."
              ],
              "address": "11111111111111111111111111111111"
            }
          ]
        },
        {
          "name": "eventAuthority"
        },
        {
          "name": "program"
        }
      ],
      "args": []
    },
    {
      "name": "issuerRegister",
      "docs": [
        "Registers an identity issuer."
      ],
      "discriminator": [
        151,
        2,
        133,
        217,
        50,
        193,
        142,
        186
      ],
      "accounts": [
        {
          "name": "admin",
          "docs": [
            "The protocol admin; pays for the issuer account."
          ],
          "writable": true,
          "signer": true,
          "relations": [
            "protocol"
          ]
        },
        {
          "name": "protocol",
          "docs": [
            "The configuration."
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  114,
                  111,
                  116,
                  111,
                  99,
                  111,
                  108
                ]
              }
            ]
          }
        },
        {
          "name": "authority"
        },
        {
          "name": "issuer",
          "docs": [
            "The issuer account, created here."
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  105,
                  115,
                  115,
                  117,
                  101,
                  114
                ]
              },
              {
                "kind": "account",
                "path": "authority"
              }
            ]
          }
        },
        {
          "name": "systemProgram",
          "address": "11111111111111111111111111111111"
        },
        {
          "name": "eventAuthority"
        },
        {
          "name": "program"
        }
      ],
      "args": [
        {
          "name": "name",
          "type": "string"
        }
      ]
    },
    {
      "name": "issuerSetActive",
      "docs": [
        "Activates or deactivates an identity issuer."
      ],
      "discriminator": [
        185,
        7,
        100,
        244,
        102,
        225,
        121,
        170
      ],
      "accounts": [
        {
          "name": "admin",
          "docs": [
            "The protocol admin."
          ],
          "signer": true,
          "relations": [
            "protocol"
          ]
        },
        {
          "name": "protocol",
          "docs": [
            "The configuration."
          ],
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  114,
                  111,
                  116,
                  111,
                  99,
                  111,
                  108
                ]
              }
            ]
          }
        },
        {
          "name": "issuer",
          "docs": [
            "The issuer."
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  105,
                  115,
                  115,
                  117,
                  101,
                  114
                ]
              },
              {
                "kind": "account",
                "path": "issuer.authority",
                "account": "identityIssuer"
              }
            ]
          }
        },
        {
          "name": "eventAuthority"
        },
        {
          "name": "program"
        }
      ],
      "args": [
        {
          "name": "active",
          "type": "bool"
        }
      ]
    },
    {
      "name": "poolCollectFees",
      "docs": [
        "Pays the fees a pool owes to the treasury and the manager (keeper)."
      ],
      "discriminator": [
        23,
        74,
        19,
        55,
        49,
        127,
        236,
        244
      ],
      "accounts": [
        {
          "name": "protocol",
          "docs": [
            "The configuration (treasury)."
          ],
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  114,
                  111,
                  116,
                  111,
                  99,
                  111,
                  108
                ]
              }
            ]
          }
        },
        {
          "name": "poolVault",
          "accounts": [
            {
              "name": "pool",
              "docs": [
                "The pool."
              ],
              "writable": true
            },
            {
              "name": "usdcMint",
              "docs": [
                "The pool's USDC mint, owned by the USDC token program passed (a",
                "wrong program would derive other, missing, associated accounts)."
              ],
              "relations": [
                "pool"
              ]
            },
            {
              "name": "vault",
              "docs": [
                "The pool's vault."
              ],
              "writable": true,
              "relations": [
                "pool"
              ]
            },
            {
              "name": "usdcTokenProgram",
              "docs": [
                "Token program of USDC."
              ]
            }
          ]
        },
        {
          "name": "treasuryUsdc",
          "docs": [
            "The treasury's USDC associated token account."
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "account",
                "path": "protocol.treasury",
                "account": "protocolConfig"
              },
              {
                "kind": "account",
                "path": "pool_vault.usdc_token_program",
                "account": "poolVault"
              },
              {
                "kind": "account",
                "path": "pool_vault.usdc_mint",
                "account": "poolVault"
              }
            ],
            "program": {
              "kind": "const",
              "value": [
                140,
                151,
                37,
                143,
                78,
                36,
                137,
                241,
                187,
                61,
                16,
                41,
                20,
                142,
                13,
                131,
                11,
                90,
                19,
                153,
                218,
                255,
                16,
                132,
                4,
                142,
                123,
                216,
                219,
                233,
                248,
                89
              ]
            }
          }
        },
        {
          "name": "managerUsdc",
          "docs": [
            "The manager's USDC associated token account."
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "account",
                "path": "pool_vault.pool.manager",
                "account": "poolVault"
              },
              {
                "kind": "account",
                "path": "pool_vault.usdc_token_program",
                "account": "poolVault"
              },
              {
                "kind": "account",
                "path": "pool_vault.usdc_mint",
                "account": "poolVault"
              }
            ],
            "program": {
              "kind": "const",
              "value": [
                140,
                151,
                37,
                143,
                78,
                36,
                137,
                241,
                187,
                61,
                16,
                41,
                20,
                142,
                13,
                131,
                11,
                90,
                19,
                153,
                218,
                255,
                16,
                132,
                4,
                142,
                123,
                216,
                219,
                233,
                248,
                89
              ]
            }
          }
        },
        {
          "name": "eventAuthority"
        },
        {
          "name": "program"
        }
      ],
      "args": []
    },
    {
      "name": "poolCreate",
      "docs": [
        "Creates a pool with its vault and tranche mints."
      ],
      "discriminator": [
        55,
        151,
        27,
        224,
        136,
        247,
        199,
        235
      ],
      "accounts": [
        {
          "name": "manager",
          "docs": [
            "The manager; pays for every account created."
          ],
          "writable": true,
          "signer": true
        },
        {
          "name": "protocol",
          "docs": [
            "The configuration."
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  114,
                  111,
                  116,
                  111,
                  99,
                  111,
                  108
                ]
              }
            ]
          }
        },
        {
          "name": "managerIdentity",
          "docs": [
            "The manager's identity record (role: manager)."
          ],
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  105,
                  100,
                  101,
                  110,
                  116,
                  105,
                  116,
                  121
                ]
              },
              {
                "kind": "account",
                "path": "manager"
              }
            ]
          }
        },
        {
          "name": "pool",
          "docs": [
            "bytes); refused unless still owned by the system program."
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  111,
                  108
                ]
              },
              {
                "kind": "account",
                "path": "manager"
              },
              {
                "kind": "arg",
                "path": "args.pool_id"
              }
            ]
          }
        },
        {
          "name": "usdcMint",
          "docs": [
            "The protocol's USDC mint."
          ]
        },
        {
          "name": "vault",
          "docs": [
            "`usdc_mint` under `usdc_token_program` (authority: the pool PDA);",
            "refused unless still owned by the system program."
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  118,
                  97,
                  117,
                  108,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "pool"
              }
            ]
          }
        },
        {
          "name": "seniorMint",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  101,
                  110,
                  105,
                  111,
                  114,
                  95,
                  109,
                  105,
                  110,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "pool"
              }
            ]
          }
        },
        {
          "name": "juniorMint",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  106,
                  117,
                  110,
                  105,
                  111,
                  114,
                  95,
                  109,
                  105,
                  110,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "pool"
              }
            ]
          }
        },
        {
          "name": "calendar",
          "docs": [
            "initialized here (`PoolCalendar::SPACE` bytes); refused unless still",
            "owned by the system program."
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  97,
                  108,
                  101,
                  110,
                  100,
                  97,
                  114
                ]
              },
              {
                "kind": "account",
                "path": "pool"
              }
            ]
          }
        },
        {
          "name": "usdcTokenProgram",
          "docs": [
            "Token program of the USDC mint."
          ]
        },
        {
          "name": "trancheTokenProgram",
          "docs": [
            "Token-2022, owner of the share mints."
          ],
          "address": "TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb"
        },
        {
          "name": "systemProgram",
          "address": "11111111111111111111111111111111"
        },
        {
          "name": "eventAuthority"
        },
        {
          "name": "program"
        }
      ],
      "args": [
        {
          "name": "args",
          "type": {
            "defined": {
              "name": "poolCreateArgs"
            }
          }
        }
      ]
    },
    {
      "name": "poolCurrencyRemove",
      "docs": [
        "Stops accepting a currency."
      ],
      "discriminator": [
        81,
        162,
        65,
        155,
        45,
        187,
        202,
        97
      ],
      "accounts": [
        {
          "name": "managed",
          "accounts": [
            {
              "name": "manager",
              "docs": [
                "The pool's manager."
              ],
              "writable": true,
              "signer": true,
              "relations": [
                "pool"
              ]
            },
            {
              "name": "protocol",
              "docs": [
                "The configuration (pause flag)."
              ],
              "pda": {
                "seeds": [
                  {
                    "kind": "const",
                    "value": [
                      112,
                      114,
                      111,
                      116,
                      111,
                      99,
                      111,
                      108
                    ]
                  }
                ]
              }
            },
            {
              "name": "managerIdentity",
              "docs": [
                "The manager's identity record (role: manager)."
              ],
              "pda": {
                "seeds": [
                  {
                    "kind": "const",
                    "value": [
                      105,
                      100,
                      101,
                      110,
                      116,
                      105,
                      116,
                      121
                    ]
                  },
                  {
                    "kind": "account",
                    "path": "manager"
                  }
                ]
              }
            },
            {
              "name": "pool",
              "docs": [
                "The pool."
              ],
              "writable": true
            }
          ]
        },
        {
          "name": "currencyConfig",
          "docs": [
            "The configuration; closed here."
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  117,
                  114,
                  114,
                  101,
                  110,
                  99,
                  121
                ]
              },
              {
                "kind": "account",
                "path": "managed.pool",
                "account": "managerPool"
              },
              {
                "kind": "account",
                "path": "currency_config.terms.code",
                "account": "currencyConfig"
              }
            ]
          }
        },
        {
          "name": "eventAuthority"
        },
        {
          "name": "program"
        }
      ],
      "args": []
    },
    {
      "name": "poolCurrencySet",
      "docs": [
        "Accepts a currency for a pool, or updates its terms."
      ],
      "discriminator": [
        111,
        11,
        251,
        74,
        93,
        182,
        50,
        213
      ],
      "accounts": [
        {
          "name": "managed",
          "accounts": [
            {
              "name": "manager",
              "docs": [
                "The pool's manager."
              ],
              "writable": true,
              "signer": true,
              "relations": [
                "pool"
              ]
            },
            {
              "name": "protocol",
              "docs": [
                "The configuration (pause flag)."
              ],
              "pda": {
                "seeds": [
                  {
                    "kind": "const",
                    "value": [
                      112,
                      114,
                      111,
                      116,
                      111,
                      99,
                      111,
                      108
                    ]
                  }
                ]
              }
            },
            {
              "name": "managerIdentity",
              "docs": [
                "The manager's identity record (role: manager)."
              ],
              "pda": {
                "seeds": [
                  {
                    "kind": "const",
                    "value": [
                      105,
                      100,
                      101,
                      110,
                      116,
                      105,
                      116,
                      121
                    ]
                  },
                  {
                    "kind": "account",
                    "path": "manager"
                  }
                ]
              }
            },
            {
              "name": "pool",
              "docs": [
                "The pool."
              ],
              "writable": true
            }
          ]
        },
        {
          "name": "currencyConfig",
          "docs": [
            "The currency's configuration (created or updated)."
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  117,
                  114,
                  114,
                  101,
                  110,
                  99,
                  121
                ]
              },
              {
                "kind": "account",
                "path": "managed.pool",
                "account": "managerPool"
              },
              {
                "kind": "arg",
                "path": "terms.code"
              }
            ]
          }
        },
        {
          "name": "systemProgram",
          "address": "11111111111111111111111111111111"
        },
        {
          "name": "eventAuthority"
        },
        {
          "name": "program"
        }
      ],
      "args": [
        {
          "name": "terms",
          "type": {
            "defined": {
              "name": "currencyTerms"
            }
          }
        }
      ]
    },
    {
      "name": "poolRefresh",
      "docs": [
        "Accrues the pool to now (keeper): applies an announced risk change",
        "that has fallen due (at its effective time), then brings invoice",
        "income, running write-downs and the senior claim to now."
      ],
      "discriminator": [
        180,
        43,
        55,
        225,
        24,
        60,
        146,
        28
      ],
      "accounts": [
        {
          "name": "protocol",
          "docs": [
            "The configuration."
          ],
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  114,
                  111,
                  116,
                  111,
                  99,
                  111,
                  108
                ]
              }
            ]
          }
        },
        {
          "name": "pool",
          "docs": [
            "The pool."
          ],
          "writable": true
        },
        {
          "name": "eventAuthority"
        },
        {
          "name": "program"
        }
      ],
      "args": []
    },
    {
      "name": "poolSetPaused",
      "docs": [
        "Pauses or unpauses a pool."
      ],
      "discriminator": [
        101,
        68,
        15,
        224,
        129,
        98,
        95,
        199
      ],
      "accounts": [
        {
          "name": "managed",
          "accounts": [
            {
              "name": "manager",
              "docs": [
                "The pool's manager."
              ],
              "writable": true,
              "signer": true,
              "relations": [
                "pool"
              ]
            },
            {
              "name": "protocol",
              "docs": [
                "The configuration (pause flag)."
              ],
              "pda": {
                "seeds": [
                  {
                    "kind": "const",
                    "value": [
                      112,
                      114,
                      111,
                      116,
                      111,
                      99,
                      111,
                      108
                    ]
                  }
                ]
              }
            },
            {
              "name": "managerIdentity",
              "docs": [
                "The manager's identity record (role: manager)."
              ],
              "pda": {
                "seeds": [
                  {
                    "kind": "const",
                    "value": [
                      105,
                      100,
                      101,
                      110,
                      116,
                      105,
                      116,
                      121
                    ]
                  },
                  {
                    "kind": "account",
                    "path": "manager"
                  }
                ]
              }
            },
            {
              "name": "pool",
              "docs": [
                "The pool."
              ],
              "writable": true
            }
          ]
        },
        {
          "name": "eventAuthority"
        },
        {
          "name": "program"
        }
      ],
      "args": [
        {
          "name": "paused",
          "type": "bool"
        }
      ]
    },
    {
      "name": "poolUpdateConfig",
      "docs": [
        "Changes a pool's parameters and policy."
      ],
      "discriminator": [
        193,
        81,
        1,
        102,
        51,
        81,
        245,
        117
      ],
      "accounts": [
        {
          "name": "managed",
          "accounts": [
            {
              "name": "manager",
              "docs": [
                "The pool's manager."
              ],
              "writable": true,
              "signer": true,
              "relations": [
                "pool"
              ]
            },
            {
              "name": "protocol",
              "docs": [
                "The configuration (pause flag)."
              ],
              "pda": {
                "seeds": [
                  {
                    "kind": "const",
                    "value": [
                      112,
                      114,
                      111,
                      116,
                      111,
                      99,
                      111,
                      108
                    ]
                  }
                ]
              }
            },
            {
              "name": "managerIdentity",
              "docs": [
                "The manager's identity record (role: manager)."
              ],
              "pda": {
                "seeds": [
                  {
                    "kind": "const",
                    "value": [
                      105,
                      100,
                      101,
                      110,
                      116,
                      105,
                      116,
                      121
                    ]
                  },
                  {
                    "kind": "account",
                    "path": "manager"
                  }
                ]
              }
            },
            {
              "name": "pool",
              "docs": [
                "The pool."
              ],
              "writable": true
            }
          ]
        },
        {
          "name": "eventAuthority"
        },
        {
          "name": "program"
        }
      ],
      "args": [
        {
          "name": "args",
          "type": {
            "defined": {
              "name": "poolUpdateConfigArgs"
            }
          }
        }
      ]
    },
    {
      "name": "poolVerifierAdd",
      "docs": [
        "Registers a verifier for a pool."
      ],
      "discriminator": [
        254,
        224,
        129,
        32,
        64,
        105,
        29,
        117
      ],
      "accounts": [
        {
          "name": "managed",
          "accounts": [
            {
              "name": "manager",
              "docs": [
                "The pool's manager."
              ],
              "writable": true,
              "signer": true,
              "relations": [
                "pool"
              ]
            },
            {
              "name": "protocol",
              "docs": [
                "The configuration (pause flag)."
              ],
              "pda": {
                "seeds": [
                  {
                    "kind": "const",
                    "value": [
                      112,
                      114,
                      111,
                      116,
                      111,
                      99,
                      111,
                      108
                    ]
                  }
                ]
              }
            },
            {
              "name": "managerIdentity",
              "docs": [
                "The manager's identity record (role: manager)."
              ],
              "pda": {
                "seeds": [
                  {
                    "kind": "const",
                    "value": [
                      105,
                      100,
                      101,
                      110,
                      116,
                      105,
                      116,
                      121
                    ]
                  },
                  {
                    "kind": "account",
                    "path": "manager"
                  }
                ]
              }
            },
            {
              "name": "pool",
              "docs": [
                "The pool."
              ],
              "writable": true
            }
          ]
        },
        {
          "name": "verifier"
        },
        {
          "name": "verifierIdentity",
          "docs": [
            "The verifier's identity record (role: verifier)."
          ],
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  105,
                  100,
                  101,
                  110,
                  116,
                  105,
                  116,
                  121
                ]
              },
              {
                "kind": "account",
                "path": "verifier"
              }
            ]
          }
        },
        {
          "name": "poolVerifier",
          "docs": [
            "The registration, created here."
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  111,
                  108,
                  95,
                  118,
                  101,
                  114,
                  105,
                  102,
                  105,
                  101,
                  114
                ]
              },
              {
                "kind": "account",
                "path": "managed.pool",
                "account": "managerPool"
              },
              {
                "kind": "account",
                "path": "verifier"
              }
            ]
          }
        },
        {
          "name": "systemProgram",
          "address": "11111111111111111111111111111111"
        },
        {
          "name": "eventAuthority"
        },
        {
          "name": "program"
        }
      ],
      "args": []
    },
    {
      "name": "poolVerifierRemove",
      "docs": [
        "Removes a verifier from a pool."
      ],
      "discriminator": [
        158,
        125,
        218,
        57,
        22,
        36,
        29,
        180
      ],
      "accounts": [
        {
          "name": "managed",
          "accounts": [
            {
              "name": "manager",
              "docs": [
                "The pool's manager."
              ],
              "writable": true,
              "signer": true,
              "relations": [
                "pool"
              ]
            },
            {
              "name": "protocol",
              "docs": [
                "The configuration (pause flag)."
              ],
              "pda": {
                "seeds": [
                  {
                    "kind": "const",
                    "value": [
                      112,
                      114,
                      111,
                      116,
                      111,
                      99,
                      111,
                      108
                    ]
                  }
                ]
              }
            },
            {
              "name": "managerIdentity",
              "docs": [
                "The manager's identity record (role: manager)."
              ],
              "pda": {
                "seeds": [
                  {
                    "kind": "const",
                    "value": [
                      105,
                      100,
                      101,
                      110,
                      116,
                      105,
                      116,
                      121
                    ]
                  },
                  {
                    "kind": "account",
                    "path": "manager"
                  }
                ]
              }
            },
            {
              "name": "pool",
              "docs": [
                "The pool."
              ],
              "writable": true
            }
          ]
        },
        {
          "name": "poolVerifier",
          "docs": [
            "The registration; closed here."
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  111,
                  108,
                  95,
                  118,
                  101,
                  114,
                  105,
                  102,
                  105,
                  101,
                  114
                ]
              },
              {
                "kind": "account",
                "path": "managed.pool",
                "account": "managerPool"
              },
              {
                "kind": "account",
                "path": "pool_verifier.verifier",
                "account": "poolVerifier"
              }
            ]
          }
        },
        {
          "name": "eventAuthority"
        },
        {
          "name": "program"
        }
      ],
      "args": []
    },
    {
      "name": "protocolAdminAccept",
      "docs": [
        "The proposed admin accepts."
      ],
      "discriminator": [
        124,
        162,
        94,
        171,
        131,
        132,
        172,
        140
      ],
      "accounts": [
        {
          "name": "newAdmin",
          "docs": [
            "The proposed admin."
          ],
          "signer": true
        },
        {
          "name": "protocol",
          "docs": [
            "The configuration."
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  114,
                  111,
                  116,
                  111,
                  99,
                  111,
                  108
                ]
              }
            ]
          }
        },
        {
          "name": "eventAuthority"
        },
        {
          "name": "program"
        }
      ],
      "args": []
    },
    {
      "name": "protocolAdminPropose",
      "docs": [
        "Proposes a new admin (`Pubkey::default()` cancels)."
      ],
      "discriminator": [
        99,
        200,
        119,
        184,
        225,
        138,
        146,
        189
      ],
      "accounts": [
        {
          "name": "admin",
          "docs": [
            "The current admin."
          ],
          "signer": true,
          "relations": [
            "protocol"
          ]
        },
        {
          "name": "protocol",
          "docs": [
            "The configuration."
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  114,
                  111,
                  116,
                  111,
                  99,
                  111,
                  108
                ]
              }
            ]
          }
        },
        {
          "name": "eventAuthority"
        },
        {
          "name": "program"
        }
      ],
      "args": [
        {
          "name": "newAdmin",
          "type": "pubkey"
        }
      ]
    },
    {
      "name": "protocolInitialize",
      "docs": [
        "Creates the protocol configuration; the signer becomes admin."
      ],
      "discriminator": [
        157,
        216,
        145,
        163,
        56,
        220,
        217,
        143
      ],
      "accounts": [
        {
          "name": "admin",
          "docs": [
            "Becomes the protocol admin; pays for the config account."
          ],
          "writable": true,
          "signer": true
        },
        {
          "name": "protocol",
          "docs": [
            "The configuration, created here."
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  114,
                  111,
                  116,
                  111,
                  99,
                  111,
                  108
                ]
              }
            ]
          }
        },
        {
          "name": "usdcMint",
          "docs": [
            "The USDC mint every pool will use."
          ]
        },
        {
          "name": "autofactorProgram",
          "docs": [
            "initialize (`require_deployer`)."
          ],
          "address": "5daKexHb6qwzVVELGnfM4e5UqL5NS5ifgtULDVNYpK88"
        },
        {
          "name": "programData",
          "docs": [
            "upgradeable loader); required on a cluster, checked by",
            "`require_deployer`."
          ],
          "optional": true
        },
        {
          "name": "systemProgram",
          "address": "11111111111111111111111111111111"
        },
        {
          "name": "eventAuthority"
        },
        {
          "name": "program"
        }
      ],
      "args": [
        {
          "name": "args",
          "type": {
            "defined": {
              "name": "protocolInitializeArgs"
            }
          }
        }
      ]
    },
    {
      "name": "protocolSetPaused",
      "docs": [
        "Pauses or unpauses the protocol."
      ],
      "discriminator": [
        190,
        195,
        122,
        146,
        99,
        160,
        108,
        167
      ],
      "accounts": [
        {
          "name": "admin",
          "docs": [
            "The protocol admin."
          ],
          "signer": true,
          "relations": [
            "protocol"
          ]
        },
        {
          "name": "protocol",
          "docs": [
            "The configuration."
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  114,
                  111,
                  116,
                  111,
                  99,
                  111,
                  108
                ]
              }
            ]
          }
        },
        {
          "name": "eventAuthority"
        },
        {
          "name": "program"
        }
      ],
      "args": [
        {
          "name": "paused",
          "type": "bool"
        }
      ]
    },
    {
      "name": "protocolSetUsdcGuard",
      "docs": [
        "Sets the USDC/USD depeg guard for new financing."
      ],
      "discriminator": [
        74,
        180,
        125,
        165,
        149,
        108,
        148,
        240
      ],
      "accounts": [
        {
          "name": "admin",
          "docs": [
            "The protocol admin."
          ],
          "signer": true,
          "relations": [
            "protocol"
          ]
        },
        {
          "name": "protocol",
          "docs": [
            "The configuration."
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  114,
                  111,
                  116,
                  111,
                  99,
                  111,
                  108
                ]
              }
            ]
          }
        },
        {
          "name": "eventAuthority"
        },
        {
          "name": "program"
        }
      ],
      "args": [
        {
          "name": "args",
          "type": {
            "defined": {
              "name": "usdcGuardArgs"
            }
          }
        }
      ]
    },
    {
      "name": "protocolUpdate",
      "docs": [
        "Sets the protocol fee and treasury."
      ],
      "discriminator": [
        21,
        85,
        179,
        150,
        236,
        167,
        203,
        80
      ],
      "accounts": [
        {
          "name": "admin",
          "docs": [
            "The protocol admin."
          ],
          "signer": true,
          "relations": [
            "protocol"
          ]
        },
        {
          "name": "protocol",
          "docs": [
            "The configuration."
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  114,
                  111,
                  116,
                  111,
                  99,
                  111,
                  108
                ]
              }
            ]
          }
        },
        {
          "name": "eventAuthority"
        },
        {
          "name": "program"
        }
      ],
      "args": [
        {
          "name": "args",
          "type": {
            "defined": {
              "name": "protocolUpdateArgs"
            }
          }
        }
      ]
    },
    {
      "name": "trancheAccountFreeze",
      "docs": [
        "Freezes a tranche token account whose owner lost its investor identity (keeper)."
      ],
      "discriminator": [
        63,
        90,
        70,
        143,
        61,
        52,
        120,
        36
      ],
      "accounts": [
        {
          "name": "share",
          "accounts": [
            {
              "name": "protocol",
              "docs": [
                "The configuration."
              ],
              "pda": {
                "seeds": [
                  {
                    "kind": "const",
                    "value": [
                      112,
                      114,
                      111,
                      116,
                      111,
                      99,
                      111,
                      108
                    ]
                  }
                ]
              }
            },
            {
              "name": "pool",
              "docs": [
                "The pool."
              ]
            },
            {
              "name": "trancheMint",
              "docs": [
                "The tranche's share mint."
              ]
            },
            {
              "name": "tokenAccount",
              "docs": [
                "The share token account."
              ],
              "writable": true
            },
            {
              "name": "trancheTokenProgram",
              "docs": [
                "Token-2022."
              ],
              "address": "TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb"
            }
          ]
        },
        {
          "name": "ownerIdentity",
          "docs": [
            "`[\"identity\", owner]`. Missing, not owned by this program or not an",
            "identity record means \"no valid identity\" (freezable); read with",
            "[`IdentityRecord::is_valid_at`]."
          ],
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  105,
                  100,
                  101,
                  110,
                  116,
                  105,
                  116,
                  121
                ]
              },
              {
                "kind": "account",
                "path": "share.token_account.owner",
                "account": "shareAccount"
              }
            ]
          }
        },
        {
          "name": "eventAuthority"
        },
        {
          "name": "program"
        }
      ],
      "args": [
        {
          "name": "tranche",
          "type": {
            "defined": {
              "name": "tranche"
            }
          }
        }
      ]
    },
    {
      "name": "trancheAccountThaw",
      "docs": [
        "Thaws a tranche token account of a verified investor."
      ],
      "discriminator": [
        182,
        148,
        124,
        245,
        17,
        19,
        160,
        66
      ],
      "accounts": [
        {
          "name": "share",
          "accounts": [
            {
              "name": "protocol",
              "docs": [
                "The configuration."
              ],
              "pda": {
                "seeds": [
                  {
                    "kind": "const",
                    "value": [
                      112,
                      114,
                      111,
                      116,
                      111,
                      99,
                      111,
                      108
                    ]
                  }
                ]
              }
            },
            {
              "name": "pool",
              "docs": [
                "The pool."
              ]
            },
            {
              "name": "trancheMint",
              "docs": [
                "The tranche's share mint."
              ]
            },
            {
              "name": "tokenAccount",
              "docs": [
                "The share token account."
              ],
              "writable": true
            },
            {
              "name": "trancheTokenProgram",
              "docs": [
                "Token-2022."
              ],
              "address": "TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb"
            }
          ]
        },
        {
          "name": "position",
          "docs": [
            "`[\"position\", pool, tranche, owner]`; may not exist (no holding",
            "period). Read with [`Position::unlock_ts_at`]."
          ]
        },
        {
          "name": "ownerIdentity",
          "docs": [
            "The identity record of the token account's owner (role: investor)."
          ],
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  105,
                  100,
                  101,
                  110,
                  116,
                  105,
                  116,
                  121
                ]
              },
              {
                "kind": "account",
                "path": "share.token_account.owner",
                "account": "shareAccount"
              }
            ]
          }
        },
        {
          "name": "eventAuthority"
        },
        {
          "name": "program"
        }
      ],
      "args": [
        {
          "name": "tranche",
          "type": {
            "defined": {
              "name": "tranche"
            }
          }
        }
      ]
    },
    {
      "name": "trancheDeposit",
      "docs": [
        "Deposits USDC into a tranche."
      ],
      "discriminator": [
        139,
        146,
        112,
        78,
        63,
        167,
        48,
        141
      ],
      "accounts": [
        {
          "name": "holding",
          "accounts": [
            {
              "name": "investor",
              "docs": [
                "The investor; pays the rent of its position (and of a queued",
                "request)."
              ],
              "writable": true,
              "signer": true
            },
            {
              "name": "protocol",
              "docs": [
                "The configuration."
              ],
              "pda": {
                "seeds": [
                  {
                    "kind": "const",
                    "value": [
                      112,
                      114,
                      111,
                      116,
                      111,
                      99,
                      111,
                      108
                    ]
                  }
                ]
              }
            },
            {
              "name": "investorIdentity",
              "docs": [
                "The investor's identity record (role: investor)."
              ],
              "pda": {
                "seeds": [
                  {
                    "kind": "const",
                    "value": [
                      105,
                      100,
                      101,
                      110,
                      116,
                      105,
                      116,
                      121
                    ]
                  },
                  {
                    "kind": "account",
                    "path": "investor"
                  }
                ]
              }
            },
            {
              "name": "poolVault",
              "accounts": [
                {
                  "name": "pool",
                  "docs": [
                    "The pool."
                  ],
                  "writable": true
                },
                {
                  "name": "usdcMint",
                  "docs": [
                    "The pool's USDC mint, owned by the USDC token program passed (a",
                    "wrong program would derive other, missing, associated accounts)."
                  ],
                  "relations": [
                    "pool"
                  ]
                },
                {
                  "name": "vault",
                  "docs": [
                    "The pool's vault."
                  ],
                  "writable": true,
                  "relations": [
                    "pool"
                  ]
                },
                {
                  "name": "usdcTokenProgram",
                  "docs": [
                    "Token program of USDC."
                  ]
                }
              ]
            },
            {
              "name": "calendar",
              "docs": [
                "The pool's deadline calendar: no deposit or redemption while a",
                "passed invoice deadline is unapplied (F-03)."
              ]
            },
            {
              "name": "trancheMint",
              "docs": [
                "The tranche's share mint."
              ],
              "writable": true
            },
            {
              "name": "investorShares",
              "docs": [
                "The investor's share associated token account (thawed for a mint",
                "or a burn, frozen again while a holding period runs)."
              ],
              "writable": true,
              "pda": {
                "seeds": [
                  {
                    "kind": "account",
                    "path": "investor"
                  },
                  {
                    "kind": "account",
                    "path": "trancheTokenProgram"
                  },
                  {
                    "kind": "account",
                    "path": "trancheMint"
                  }
                ],
                "program": {
                  "kind": "const",
                  "value": [
                    140,
                    151,
                    37,
                    143,
                    78,
                    36,
                    137,
                    241,
                    187,
                    61,
                    16,
                    41,
                    20,
                    142,
                    13,
                    131,
                    11,
                    90,
                    19,
                    153,
                    218,
                    255,
                    16,
                    132,
                    4,
                    142,
                    123,
                    216,
                    219,
                    233,
                    248,
                    89
                  ]
                }
              }
            },
            {
              "name": "position",
              "docs": [
                "tranche, investor]` (holding period, queued shares); created by the",
                "first deposit (or queued withdrawal), so it may not exist (shares",
                "received by transfer: no holding period). Read with",
                "[`Position::load`], written with [`InvestorTranche::store_position`]."
              ],
              "writable": true
            },
            {
              "name": "trancheTokenProgram",
              "docs": [
                "Token-2022 (the share mints' program)."
              ],
              "address": "TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb"
            }
          ]
        },
        {
          "name": "investorUsdc",
          "docs": [
            "The investor's USDC account (source)."
          ],
          "writable": true
        },
        {
          "name": "associatedTokenProgram",
          "docs": [
            "The associated token program."
          ],
          "address": "ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL"
        },
        {
          "name": "systemProgram",
          "docs": [
            "The system program."
          ],
          "address": "11111111111111111111111111111111"
        },
        {
          "name": "eventAuthority"
        },
        {
          "name": "program"
        }
      ],
      "args": [
        {
          "name": "args",
          "type": {
            "defined": {
              "name": "trancheDepositArgs"
            }
          }
        }
      ]
    },
    {
      "name": "trancheWithdraw",
      "docs": [
        "Redeems shares now, or queues the withdrawal."
      ],
      "discriminator": [
        117,
        13,
        139,
        108,
        70,
        169,
        78,
        109
      ],
      "accounts": [
        {
          "name": "holding",
          "accounts": [
            {
              "name": "investor",
              "docs": [
                "The investor; pays the rent of its position (and of a queued",
                "request)."
              ],
              "writable": true,
              "signer": true
            },
            {
              "name": "protocol",
              "docs": [
                "The configuration."
              ],
              "pda": {
                "seeds": [
                  {
                    "kind": "const",
                    "value": [
                      112,
                      114,
                      111,
                      116,
                      111,
                      99,
                      111,
                      108
                    ]
                  }
                ]
              }
            },
            {
              "name": "investorIdentity",
              "docs": [
                "The investor's identity record (role: investor)."
              ],
              "pda": {
                "seeds": [
                  {
                    "kind": "const",
                    "value": [
                      105,
                      100,
                      101,
                      110,
                      116,
                      105,
                      116,
                      121
                    ]
                  },
                  {
                    "kind": "account",
                    "path": "investor"
                  }
                ]
              }
            },
            {
              "name": "poolVault",
              "accounts": [
                {
                  "name": "pool",
                  "docs": [
                    "The pool."
                  ],
                  "writable": true
                },
                {
                  "name": "usdcMint",
                  "docs": [
                    "The pool's USDC mint, owned by the USDC token program passed (a",
                    "wrong program would derive other, missing, associated accounts)."
                  ],
                  "relations": [
                    "pool"
                  ]
                },
                {
                  "name": "vault",
                  "docs": [
                    "The pool's vault."
                  ],
                  "writable": true,
                  "relations": [
                    "pool"
                  ]
                },
                {
                  "name": "usdcTokenProgram",
                  "docs": [
                    "Token program of USDC."
                  ]
                }
              ]
            },
            {
              "name": "calendar",
              "docs": [
                "The pool's deadline calendar: no deposit or redemption while a",
                "passed invoice deadline is unapplied (F-03)."
              ]
            },
            {
              "name": "trancheMint",
              "docs": [
                "The tranche's share mint."
              ],
              "writable": true
            },
            {
              "name": "investorShares",
              "docs": [
                "The investor's share associated token account (thawed for a mint",
                "or a burn, frozen again while a holding period runs)."
              ],
              "writable": true,
              "pda": {
                "seeds": [
                  {
                    "kind": "account",
                    "path": "investor"
                  },
                  {
                    "kind": "account",
                    "path": "trancheTokenProgram"
                  },
                  {
                    "kind": "account",
                    "path": "trancheMint"
                  }
                ],
                "program": {
                  "kind": "const",
                  "value": [
                    140,
                    151,
                    37,
                    143,
                    78,
                    36,
                    137,
                    241,
                    187,
                    61,
                    16,
                    41,
                    20,
                    142,
                    13,
                    131,
                    11,
                    90,
                    19,
                    153,
                    218,
                    255,
                    16,
                    132,
                    4,
                    142,
                    123,
                    216,
                    219,
                    233,
                    248,
                    89
                  ]
                }
              }
            },
            {
              "name": "position",
              "docs": [
                "tranche, investor]` (holding period, queued shares); created by the",
                "first deposit (or queued withdrawal), so it may not exist (shares",
                "received by transfer: no holding period). Read with",
                "[`Position::load`], written with [`InvestorTranche::store_position`]."
              ],
              "writable": true
            },
            {
              "name": "trancheTokenProgram",
              "docs": [
                "Token-2022 (the share mints' program)."
              ],
              "address": "TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb"
            }
          ]
        },
        {
          "name": "investorUsdc",
          "docs": [
            "The investor's USDC associated token account (payout destination,",
            "now or when the queued request is filled)."
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "account",
                "path": "holding.investor",
                "account": "investorTranche"
              },
              {
                "kind": "account",
                "path": "holding.pool_vault.usdc_token_program",
                "account": "investorTranche"
              },
              {
                "kind": "account",
                "path": "holding.pool_vault.usdc_mint",
                "account": "investorTranche"
              }
            ],
            "program": {
              "kind": "const",
              "value": [
                140,
                151,
                37,
                143,
                78,
                36,
                137,
                241,
                187,
                61,
                16,
                41,
                20,
                142,
                13,
                131,
                11,
                90,
                19,
                153,
                218,
                255,
                16,
                132,
                4,
                142,
                123,
                216,
                219,
                233,
                248,
                89
              ]
            }
          }
        },
        {
          "name": "withdrawalRequest",
          "docs": [
            "`[\"withdrawal\", pool, tranche, queue_tail]`; created only then."
          ],
          "writable": true
        },
        {
          "name": "associatedTokenProgram",
          "docs": [
            "The associated token program."
          ],
          "address": "ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL"
        },
        {
          "name": "systemProgram",
          "docs": [
            "The system program."
          ],
          "address": "11111111111111111111111111111111"
        },
        {
          "name": "eventAuthority"
        },
        {
          "name": "program"
        }
      ],
      "args": [
        {
          "name": "args",
          "type": {
            "defined": {
              "name": "trancheWithdrawArgs"
            }
          }
        }
      ]
    },
    {
      "name": "withdrawalCancel",
      "docs": [
        "Cancels a queued withdrawal: the unpaid shares are minted back and",
        "the request closed. Cancelling the head request moves the queue head",
        "on at once; cancelling another request leaves a gap that a later",
        "fill skips (`WithdrawalSkipped`)."
      ],
      "discriminator": [
        250,
        124,
        12,
        140,
        135,
        31,
        141,
        145
      ],
      "accounts": [
        {
          "name": "investor",
          "docs": [
            "The investor who queued the request."
          ],
          "writable": true,
          "signer": true,
          "relations": [
            "withdrawalRequest"
          ]
        },
        {
          "name": "protocol",
          "docs": [
            "The configuration."
          ],
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  114,
                  111,
                  116,
                  111,
                  99,
                  111,
                  108
                ]
              }
            ]
          }
        },
        {
          "name": "pool",
          "docs": [
            "The pool."
          ],
          "writable": true,
          "relations": [
            "withdrawalRequest"
          ]
        },
        {
          "name": "withdrawalRequest",
          "docs": [
            "The request; closed here."
          ],
          "writable": true
        },
        {
          "name": "trancheMint",
          "docs": [
            "The tranche's share mint."
          ],
          "writable": true
        },
        {
          "name": "investorShares",
          "docs": [
            "The investor's share associated token account (receives the unpaid",
            "shares): share tokens live in ATAs only."
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "account",
                "path": "investor"
              },
              {
                "kind": "account",
                "path": "trancheTokenProgram"
              },
              {
                "kind": "account",
                "path": "trancheMint"
              }
            ],
            "program": {
              "kind": "const",
              "value": [
                140,
                151,
                37,
                143,
                78,
                36,
                137,
                241,
                187,
                61,
                16,
                41,
                20,
                142,
                13,
                131,
                11,
                90,
                19,
                153,
                218,
                255,
                16,
                132,
                4,
                142,
                123,
                216,
                219,
                233,
                248,
                89
              ]
            }
          }
        },
        {
          "name": "trancheTokenProgram",
          "docs": [
            "Token-2022."
          ],
          "address": "TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb"
        },
        {
          "name": "position",
          "docs": [
            "`[\"position\", pool, tranche, investor]` (created when the request",
            "was queued); the returned shares leave its `queued_shares`."
          ],
          "writable": true
        },
        {
          "name": "eventAuthority"
        },
        {
          "name": "program"
        }
      ],
      "args": []
    },
    {
      "name": "withdrawalClaim",
      "docs": [
        "The investor claims a redemption payout its USDC account could not",
        "receive when the request was filled."
      ],
      "discriminator": [
        78,
        25,
        160,
        185,
        249,
        146,
        202,
        58
      ],
      "accounts": [
        {
          "name": "investor",
          "docs": [
            "The investor who queued the request; receives its rent if it closes."
          ],
          "writable": true,
          "signer": true,
          "relations": [
            "withdrawalRequest"
          ]
        },
        {
          "name": "poolVault",
          "accounts": [
            {
              "name": "pool",
              "docs": [
                "The pool."
              ],
              "writable": true
            },
            {
              "name": "usdcMint",
              "docs": [
                "The pool's USDC mint, owned by the USDC token program passed (a",
                "wrong program would derive other, missing, associated accounts)."
              ],
              "relations": [
                "pool"
              ]
            },
            {
              "name": "vault",
              "docs": [
                "The pool's vault."
              ],
              "writable": true,
              "relations": [
                "pool"
              ]
            },
            {
              "name": "usdcTokenProgram",
              "docs": [
                "Token program of USDC."
              ]
            }
          ]
        },
        {
          "name": "withdrawalRequest",
          "docs": [
            "The request holding the undelivered payout."
          ],
          "writable": true
        },
        {
          "name": "destination",
          "docs": [
            "Any USDC account of the investor's (it need not be the associated one)."
          ],
          "writable": true
        },
        {
          "name": "eventAuthority"
        },
        {
          "name": "program"
        }
      ],
      "args": []
    },
    {
      "name": "withdrawalFill",
      "docs": [
        "Fills the head of a withdrawal queue (keeper)."
      ],
      "discriminator": [
        37,
        223,
        41,
        121,
        246,
        35,
        136,
        80
      ],
      "accounts": [
        {
          "name": "keeper",
          "docs": [
            "Any wallet (pays only the transaction fee)."
          ],
          "signer": true
        },
        {
          "name": "protocol",
          "docs": [
            "The configuration."
          ],
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  114,
                  111,
                  116,
                  111,
                  99,
                  111,
                  108
                ]
              }
            ]
          }
        },
        {
          "name": "poolVault",
          "accounts": [
            {
              "name": "pool",
              "docs": [
                "The pool."
              ],
              "writable": true
            },
            {
              "name": "usdcMint",
              "docs": [
                "The pool's USDC mint, owned by the USDC token program passed (a",
                "wrong program would derive other, missing, associated accounts)."
              ],
              "relations": [
                "pool"
              ]
            },
            {
              "name": "vault",
              "docs": [
                "The pool's vault."
              ],
              "writable": true,
              "relations": [
                "pool"
              ]
            },
            {
              "name": "usdcTokenProgram",
              "docs": [
                "Token program of USDC."
              ]
            }
          ]
        },
        {
          "name": "calendar",
          "docs": [
            "The pool's deadline calendar: no fill while a passed invoice",
            "deadline is unapplied (F-03)."
          ]
        },
        {
          "name": "withdrawalRequest",
          "docs": [
            "`[\"withdrawal\", pool, tranche, queue_head]`; empty if it was cancelled."
          ],
          "writable": true
        },
        {
          "name": "investor",
          "docs": [
            "checked against the request in `handle`."
          ],
          "writable": true
        },
        {
          "name": "investorUsdc",
          "docs": [
            "checked against the ATA derivation in `handle`. If it cannot receive",
            "the payout (missing, frozen, not the investor's), the payout is owed."
          ],
          "writable": true
        },
        {
          "name": "position",
          "docs": [
            "`[\"position\", pool, tranche, investor]` (created when the request",
            "was queued); the filled shares leave its `queued_shares`."
          ],
          "writable": true
        },
        {
          "name": "eventAuthority"
        },
        {
          "name": "program"
        }
      ],
      "args": [
        {
          "name": "tranche",
          "type": {
            "defined": {
              "name": "tranche"
            }
          }
        }
      ]
    }
  ],
  "accounts": [
    {
      "name": "buyerReputation",
      "discriminator": [
        214,
        92,
        22,
        85,
        90,
        62,
        253,
        55
      ]
    },
    {
      "name": "currencyConfig",
      "discriminator": [
        47,
        186,
        34,
        214,
        80,
        76,
        249,
        57
      ]
    },
    {
      "name": "exposure",
      "discriminator": [
        248,
        75,
        204,
        21,
        92,
        251,
        197,
        147
      ]
    },
    {
      "name": "identityIssuer",
      "discriminator": [
        255,
        112,
        166,
        55,
        246,
        2,
        149,
        107
      ]
    },
    {
      "name": "identityRecord",
      "discriminator": [
        168,
        35,
        21,
        172,
        113,
        130,
        226,
        19
      ]
    },
    {
      "name": "invoice",
      "discriminator": [
        51,
        194,
        250,
        114,
        6,
        104,
        18,
        164
      ]
    },
    {
      "name": "pool",
      "discriminator": [
        241,
        154,
        109,
        4,
        17,
        177,
        109,
        188
      ]
    },
    {
      "name": "poolCalendar",
      "discriminator": [
        204,
        220,
        86,
        27,
        32,
        202,
        181,
        165
      ]
    },
    {
      "name": "poolVerifier",
      "discriminator": [
        138,
        60,
        211,
        117,
        121,
        200,
        214,
        130
      ]
    },
    {
      "name": "protocolConfig",
      "discriminator": [
        207,
        91,
        250,
        28,
        152,
        179,
        215,
        209
      ]
    },
    {
      "name": "registryEntry",
      "discriminator": [
        48,
        198,
        240,
        252,
        155,
        186,
        72,
        16
      ]
    },
    {
      "name": "supplierReputation",
      "discriminator": [
        23,
        139,
        112,
        72,
        197,
        22,
        134,
        73
      ]
    },
    {
      "name": "withdrawalRequest",
      "discriminator": [
        242,
        88,
        147,
        173,
        182,
        62,
        229,
        193
      ]
    }
  ],
  "events": [
    {
      "name": "adminTransferAccepted",
      "discriminator": [
        79,
        229,
        204,
        202,
        134,
        43,
        177,
        26
      ]
    },
    {
      "name": "adminTransferProposed",
      "discriminator": [
        203,
        168,
        175,
        51,
        239,
        104,
        20,
        85
      ]
    },
    {
      "name": "deposited",
      "discriminator": [
        111,
        141,
        26,
        45,
        161,
        35,
        100,
        57
      ]
    },
    {
      "name": "externalBurnReconciled",
      "discriminator": [
        222,
        158,
        43,
        98,
        196,
        27,
        177,
        119
      ]
    },
    {
      "name": "feesCollected",
      "discriminator": [
        233,
        23,
        117,
        225,
        107,
        178,
        254,
        8
      ]
    },
    {
      "name": "identityIssued",
      "discriminator": [
        109,
        2,
        146,
        170,
        195,
        185,
        86,
        218
      ]
    },
    {
      "name": "identityRevoked",
      "discriminator": [
        182,
        184,
        246,
        129,
        30,
        218,
        116,
        12
      ]
    },
    {
      "name": "identityUpdated",
      "discriminator": [
        93,
        70,
        231,
        144,
        0,
        172,
        155,
        159
      ]
    },
    {
      "name": "invoiceAcknowledged",
      "discriminator": [
        63,
        61,
        138,
        42,
        168,
        233,
        154,
        136
      ]
    },
    {
      "name": "invoiceAttested",
      "discriminator": [
        202,
        60,
        126,
        83,
        137,
        22,
        175,
        138
      ]
    },
    {
      "name": "invoiceCancelled",
      "discriminator": [
        62,
        68,
        182,
        115,
        197,
        226,
        135,
        244
      ]
    },
    {
      "name": "invoiceClosedDefaulted",
      "discriminator": [
        40,
        72,
        192,
        176,
        231,
        53,
        255,
        132
      ]
    },
    {
      "name": "invoiceCreated",
      "discriminator": [
        189,
        114,
        235,
        219,
        193,
        125,
        47,
        54
      ]
    },
    {
      "name": "invoiceDisputed",
      "discriminator": [
        238,
        232,
        225,
        251,
        26,
        254,
        124,
        208
      ]
    },
    {
      "name": "invoiceFinanced",
      "discriminator": [
        67,
        54,
        54,
        73,
        83,
        28,
        219,
        245
      ]
    },
    {
      "name": "invoiceMarkedLate",
      "discriminator": [
        23,
        56,
        148,
        194,
        233,
        25,
        239,
        150
      ]
    },
    {
      "name": "invoiceMatured",
      "discriminator": [
        122,
        231,
        22,
        84,
        112,
        202,
        151,
        185
      ]
    },
    {
      "name": "invoicePaid",
      "discriminator": [
        200,
        211,
        168,
        170,
        46,
        82,
        83,
        186
      ]
    },
    {
      "name": "invoiceReserveClaimed",
      "discriminator": [
        9,
        152,
        137,
        182,
        230,
        76,
        254,
        131
      ]
    },
    {
      "name": "invoiceSettled",
      "discriminator": [
        189,
        113,
        70,
        104,
        148,
        113,
        164,
        65
      ]
    },
    {
      "name": "invoiceWrittenDown",
      "discriminator": [
        66,
        90,
        72,
        218,
        73,
        108,
        122,
        218
      ]
    },
    {
      "name": "issuerRegistered",
      "discriminator": [
        98,
        108,
        156,
        224,
        9,
        0,
        195,
        21
      ]
    },
    {
      "name": "issuerStatusSet",
      "discriminator": [
        198,
        225,
        229,
        69,
        8,
        78,
        139,
        155
      ]
    },
    {
      "name": "poolConfigUpdated",
      "discriminator": [
        206,
        33,
        29,
        8,
        84,
        84,
        130,
        39
      ]
    },
    {
      "name": "poolCreated",
      "discriminator": [
        202,
        44,
        41,
        88,
        104,
        220,
        157,
        82
      ]
    },
    {
      "name": "poolCurrencyRemoved",
      "discriminator": [
        176,
        208,
        98,
        43,
        217,
        146,
        85,
        190
      ]
    },
    {
      "name": "poolCurrencyUpdated",
      "discriminator": [
        209,
        116,
        199,
        90,
        15,
        132,
        83,
        165
      ]
    },
    {
      "name": "poolPauseSet",
      "discriminator": [
        25,
        133,
        224,
        113,
        195,
        151,
        25,
        94
      ]
    },
    {
      "name": "poolRefreshed",
      "discriminator": [
        230,
        188,
        188,
        1,
        64,
        242,
        245,
        43
      ]
    },
    {
      "name": "poolRiskChangeApplied",
      "discriminator": [
        94,
        220,
        139,
        163,
        22,
        229,
        230,
        190
      ]
    },
    {
      "name": "poolRiskChangeCancelled",
      "discriminator": [
        160,
        15,
        242,
        34,
        60,
        208,
        40,
        15
      ]
    },
    {
      "name": "poolRiskChangeScheduled",
      "discriminator": [
        186,
        171,
        175,
        128,
        11,
        148,
        211,
        26
      ]
    },
    {
      "name": "poolVerifierAdded",
      "discriminator": [
        91,
        120,
        170,
        87,
        190,
        159,
        226,
        67
      ]
    },
    {
      "name": "poolVerifierRemoved",
      "discriminator": [
        8,
        180,
        94,
        92,
        187,
        54,
        109,
        33
      ]
    },
    {
      "name": "protocolFeeUpdated",
      "discriminator": [
        172,
        56,
        83,
        113,
        219,
        69,
        69,
        105
      ]
    },
    {
      "name": "protocolInitialized",
      "discriminator": [
        173,
        122,
        168,
        254,
        9,
        118,
        76,
        132
      ]
    },
    {
      "name": "protocolPauseSet",
      "discriminator": [
        88,
        186,
        42,
        175,
        234,
        40,
        83,
        247
      ]
    },
    {
      "name": "supplierRecordUpdated",
      "discriminator": [
        134,
        180,
        173,
        94,
        224,
        157,
        69,
        54
      ]
    },
    {
      "name": "trancheAccountFrozen",
      "discriminator": [
        66,
        22,
        110,
        115,
        61,
        30,
        80,
        112
      ]
    },
    {
      "name": "trancheAccountThawed",
      "discriminator": [
        156,
        86,
        67,
        174,
        199,
        205,
        99,
        171
      ]
    },
    {
      "name": "usdcGuardSet",
      "discriminator": [
        88,
        220,
        219,
        4,
        183,
        223,
        77,
        247
      ]
    },
    {
      "name": "withdrawalCancelled",
      "discriminator": [
        119,
        175,
        207,
        80,
        186,
        237,
        229,
        9
      ]
    },
    {
      "name": "withdrawalClaimed",
      "discriminator": [
        9,
        131,
        99,
        68,
        7,
        105,
        180,
        36
      ]
    },
    {
      "name": "withdrawalFilled",
      "discriminator": [
        97,
        197,
        80,
        148,
        138,
        10,
        170,
        208
      ]
    },
    {
      "name": "withdrawalPayoutOwed",
      "discriminator": [
        35,
        253,
        2,
        147,
        165,
        11,
        121,
        177
      ]
    },
    {
      "name": "withdrawalQueued",
      "discriminator": [
        116,
        223,
        187,
        38,
        197,
        80,
        19,
        250
      ]
    },
    {
      "name": "withdrawalSkipped",
      "discriminator": [
        13,
        125,
        21,
        99,
        106,
        139,
        164,
        74
      ]
    },
    {
      "name": "withdrawn",
      "discriminator": [
        20,
        89,
        223,
        198,
        194,
        124,
        219,
        13
      ]
    }
  ],
  "errors": [
    {
      "code": 6000,
      "name": "mathOverflow",
      "msg": "Arithmetic overflow or underflow"
    },
    {
      "code": 6001,
      "name": "divisionByZero",
      "msg": "Division by zero"
    },
    {
      "code": 6002,
      "name": "protocolPaused",
      "msg": "The protocol is paused"
    },
    {
      "code": 6003,
      "name": "notProtocolAdmin",
      "msg": "Signer is not the protocol admin"
    },
    {
      "code": 6004,
      "name": "notPendingAdmin",
      "msg": "Signer is not the pending admin"
    },
    {
      "code": 6005,
      "name": "noPendingAdmin",
      "msg": "No admin transfer is pending"
    },
    {
      "code": 6006,
      "name": "protocolFeeTooHigh",
      "msg": "Protocol fee exceeds the maximum"
    },
    {
      "code": 6007,
      "name": "invalidTreasury",
      "msg": "Treasury must be a non-default address"
    },
    {
      "code": 6008,
      "name": "pauseUnchanged",
      "msg": "The protocol pause flag already has this value"
    },
    {
      "code": 6009,
      "name": "issuerInactive",
      "msg": "Identity issuer is not active"
    },
    {
      "code": 6010,
      "name": "invalidIssuerName",
      "msg": "Issuer name is empty or too long"
    },
    {
      "code": 6011,
      "name": "notRecordIssuer",
      "msg": "Signer is not the issuer of this identity record"
    },
    {
      "code": 6012,
      "name": "invalidRoles",
      "msg": "Roles bitmask is empty or has unknown bits"
    },
    {
      "code": 6013,
      "name": "invalidJurisdiction",
      "msg": "Jurisdiction must be an ISO 3166-1 alpha-2 code (two upper-case letters)"
    },
    {
      "code": 6014,
      "name": "invalidAccreditation",
      "msg": "Accreditation level is out of range"
    },
    {
      "code": 6015,
      "name": "invalidDid",
      "msg": "DID string is empty, too long or not a did: URI"
    },
    {
      "code": 6016,
      "name": "invalidExpiry",
      "msg": "Identity expiry must be in the future"
    },
    {
      "code": 6017,
      "name": "identityRevoked",
      "msg": "Identity record has been revoked"
    },
    {
      "code": 6018,
      "name": "identityExpired",
      "msg": "Identity record has expired"
    },
    {
      "code": 6019,
      "name": "identityMissingRole",
      "msg": "Identity record lacks the role required for this action"
    },
    {
      "code": 6020,
      "name": "identityWalletMismatch",
      "msg": "Identity record belongs to another wallet"
    },
    {
      "code": 6021,
      "name": "identityAlreadyRevoked",
      "msg": "Identity record is already revoked"
    },
    {
      "code": 6022,
      "name": "poolPaused",
      "msg": "The pool is paused"
    },
    {
      "code": 6023,
      "name": "notPoolManager",
      "msg": "Signer is not the pool manager"
    },
    {
      "code": 6024,
      "name": "wrongUsdcMint",
      "msg": "Pool must use the protocol's USDC mint"
    },
    {
      "code": 6025,
      "name": "invalidJuniorRatio",
      "msg": "Minimum junior ratio must be between 0 and 100%"
    },
    {
      "code": 6026,
      "name": "seniorAprTooHigh",
      "msg": "Senior APR exceeds the maximum"
    },
    {
      "code": 6027,
      "name": "managerFeeTooHigh",
      "msg": "Manager fee exceeds the maximum"
    },
    {
      "code": 6028,
      "name": "invalidLiquidityCap",
      "msg": "Liquidity cap must be positive"
    },
    {
      "code": 6029,
      "name": "invalidInvestorCap",
      "msg": "Per-investor cap must be between 1 and 10000 bps"
    },
    {
      "code": 6030,
      "name": "invalidPolicy",
      "msg": "Pool policy is inconsistent (tenor, grades, caps or horizons)"
    },
    {
      "code": 6031,
      "name": "poolPauseUnchanged",
      "msg": "The pool pause flag already has this value"
    },
    {
      "code": 6032,
      "name": "zeroAmount",
      "msg": "Amount must be greater than zero"
    },
    {
      "code": 6033,
      "name": "liquidityCapExceeded",
      "msg": "Deposit would exceed the pool's liquidity cap"
    },
    {
      "code": 6034,
      "name": "investorCapExceeded",
      "msg": "Holding would exceed the per-investor cap"
    },
    {
      "code": 6035,
      "name": "depositTooSmall",
      "msg": "Deposit is too small to mint a single share unit"
    },
    {
      "code": 6036,
      "name": "slippageExceeded",
      "msg": "Shares minted are below the caller's minimum"
    },
    {
      "code": 6037,
      "name": "subordinationBreached",
      "msg": "Junior value / NAV would fall below the pool's minimum junior ratio"
    },
    {
      "code": 6038,
      "name": "juniorImpaired",
      "msg": "The senior tranche is impaired: a junior deposit would flow to senior"
    },
    {
      "code": 6039,
      "name": "insufficientCash",
      "msg": "Not enough cash in the pool to pay this withdrawal now"
    },
    {
      "code": 6040,
      "name": "removed6040",
      "msg": "Removed error (6040): never returned"
    },
    {
      "code": 6041,
      "name": "queueEmpty",
      "msg": "The withdrawal queue is empty"
    },
    {
      "code": 6042,
      "name": "seniorQueueNotEmpty",
      "msg": "Junior withdrawals wait until the senior queue is empty"
    },
    {
      "code": 6043,
      "name": "notRequestOwner",
      "msg": "Withdrawal request belongs to another investor"
    },
    {
      "code": 6044,
      "name": "wrongPayoutAccount",
      "msg": "Payout token account does not match the request"
    },
    {
      "code": 6045,
      "name": "identityStillValid",
      "msg": "Tranche token account owner still holds a valid investor identity"
    },
    {
      "code": 6046,
      "name": "wrongTrancheMint",
      "msg": "Token account mint is not this tranche's mint"
    },
    {
      "code": 6047,
      "name": "invariantViolated",
      "msg": "Pool accounting invariant violated"
    },
    {
      "code": 6048,
      "name": "clockWentBackwards",
      "msg": "Clock went backwards"
    },
    {
      "code": 6049,
      "name": "trancheWipedOut",
      "msg": "Tranche shares are worth nothing; deposits are closed"
    },
    {
      "code": 6050,
      "name": "wrongVault",
      "msg": "Vault account is not this pool's vault"
    },
    {
      "code": 6051,
      "name": "insufficientShares",
      "msg": "Token account holds fewer shares than requested"
    },
    {
      "code": 6052,
      "name": "wrongWithdrawalRequest",
      "msg": "Account is not the withdrawal request at the head of the queue"
    },
    {
      "code": 6053,
      "name": "invalidFaceAmount",
      "msg": "Face amount must be greater than zero"
    },
    {
      "code": 6054,
      "name": "invalidInvoiceDates",
      "msg": "Due date must be after the issue date, issue date not in the future, due date not passed"
    },
    {
      "code": 6055,
      "name": "tenorOutOfBounds",
      "msg": "Tenor (days from now to the due date) is outside the allowed bounds"
    },
    {
      "code": 6056,
      "name": "currencyNotSupported",
      "msg": "Currency is not accepted"
    },
    {
      "code": 6057,
      "name": "buyerIsSupplier",
      "msg": "Buyer and supplier must be different wallets"
    },
    {
      "code": 6058,
      "name": "invalidInvoiceNumber",
      "msg": "Invoice number is empty or too long"
    },
    {
      "code": 6059,
      "name": "invalidMetadataUri",
      "msg": "Metadata URI is empty or too long"
    },
    {
      "code": 6060,
      "name": "invalidDocumentHash",
      "msg": "Document hash must be a non-zero SHA-256"
    },
    {
      "code": 6061,
      "name": "duplicateDocument",
      "msg": "This document has already been originated"
    },
    {
      "code": 6062,
      "name": "duplicateInvoiceNumber",
      "msg": "This supplier has already originated an invoice with this number"
    },
    {
      "code": 6063,
      "name": "invalidInvoiceStatus",
      "msg": "The invoice is not in a status that allows this action"
    },
    {
      "code": 6064,
      "name": "notInvoiceBuyer",
      "msg": "Signer is not the invoice's buyer"
    },
    {
      "code": 6065,
      "name": "notInvoiceSupplier",
      "msg": "Signer is not the invoice's supplier"
    },
    {
      "code": 6066,
      "name": "verifierNotRegistered",
      "msg": "Verifier is not registered for this pool"
    },
    {
      "code": 6067,
      "name": "invalidCreditScore",
      "msg": "Credit score must be between 0 and 1000"
    },
    {
      "code": 6068,
      "name": "invoiceNotAcknowledged",
      "msg": "The buyer has not acknowledged the invoice"
    },
    {
      "code": 6069,
      "name": "invoiceNotVerified",
      "msg": "The invoice has not been attested by a verifier"
    },
    {
      "code": 6070,
      "name": "invoiceFinanced",
      "msg": "The invoice has been financed and can no longer be cancelled"
    },
    {
      "code": 6071,
      "name": "gradeNotAccepted",
      "msg": "The invoice's risk grade is not accepted by the pool policy"
    },
    {
      "code": 6072,
      "name": "invoiceTooLarge",
      "msg": "Face value exceeds the pool's single-invoice cap"
    },
    {
      "code": 6073,
      "name": "buyerConcentrationExceeded",
      "msg": "Financing would exceed the pool's per-buyer concentration cap"
    },
    {
      "code": 6074,
      "name": "supplierConcentrationExceeded",
      "msg": "Financing would exceed the pool's per-supplier concentration cap"
    },
    {
      "code": 6075,
      "name": "cashReserveBreached",
      "msg": "Financing would take cash below the pool's reserve (after pending withdrawals)"
    },
    {
      "code": 6076,
      "name": "advanceTooSmall",
      "msg": "The advance after the discount would be zero"
    },
    {
      "code": 6077,
      "name": "overpayment",
      "msg": "Payment exceeds the amount still due"
    },
    {
      "code": 6078,
      "name": "notFullyRepaid",
      "msg": "The invoice is not fully repaid"
    },
    {
      "code": 6079,
      "name": "notYetLate",
      "msg": "The invoice is not past its due date plus the grace period"
    },
    {
      "code": 6080,
      "name": "notYetDue",
      "msg": "The invoice is not past its due date"
    },
    {
      "code": 6081,
      "name": "wrongAsset",
      "msg": "Asset account does not belong to this invoice"
    },
    {
      "code": 6082,
      "name": "wrongPool",
      "msg": "Invoice belongs to another pool"
    },
    {
      "code": 6083,
      "name": "invoiceNotFinanced",
      "msg": "The invoice has not been financed"
    },
    {
      "code": 6084,
      "name": "paymentAboveMax",
      "msg": "Payment would cost more USDC than the payer's maximum"
    },
    {
      "code": 6085,
      "name": "wrongRegistryAccount",
      "msg": "Registry account does not match the invoice"
    },
    {
      "code": 6086,
      "name": "removed6086",
      "msg": "Removed error (6086): never returned"
    },
    {
      "code": 6087,
      "name": "invalidCurrencyConfig",
      "msg": "Currency configuration is invalid (code, decimals, age, confidence or band)"
    },
    {
      "code": 6088,
      "name": "currencyWithoutFeed",
      "msg": "Currency has no price feed; it cannot be accepted"
    },
    {
      "code": 6089,
      "name": "oracleWrongOwner",
      "msg": "Price account is not owned by the Pyth receiver program"
    },
    {
      "code": 6090,
      "name": "oracleNotPriceUpdate",
      "msg": "Price account is not a Pyth PriceUpdateV2"
    },
    {
      "code": 6091,
      "name": "oraclePartialVerification",
      "msg": "Price update is only partially verified; full verification is required"
    },
    {
      "code": 6092,
      "name": "oracleWrongFeed",
      "msg": "Price update is for another feed"
    },
    {
      "code": 6093,
      "name": "oracleStalePrice",
      "msg": "Price is too old (markets closed or no update posted)"
    },
    {
      "code": 6094,
      "name": "oracleWideConfidence",
      "msg": "Price confidence interval is too wide"
    },
    {
      "code": 6095,
      "name": "oracleInvalidPrice",
      "msg": "Price is zero or negative"
    },
    {
      "code": 6096,
      "name": "fxPriceOutOfBounds",
      "msg": "FX price is outside the currency's plausibility band (wrong feed or direction?)"
    },
    {
      "code": 6097,
      "name": "priceAccountMissing",
      "msg": "A price account is required for this currency"
    },
    {
      "code": 6098,
      "name": "usdcBelowFloor",
      "msg": "USDC trades below the protocol's floor; new financing is paused"
    },
    {
      "code": 6099,
      "name": "wrongCurrencyConfig",
      "msg": "Currency configuration does not match the invoice or the pool"
    },
    {
      "code": 6100,
      "name": "verifierIsInvoiceParty",
      "msg": "The verifier is the invoice's supplier or buyer; it cannot attest its own invoice"
    },
    {
      "code": 6101,
      "name": "verifierIsManager",
      "msg": "The pool's manager cannot be one of its verifiers"
    },
    {
      "code": 6102,
      "name": "currencyHasOpenInvoices",
      "msg": "The currency has financed invoices open; it cannot be removed"
    },
    {
      "code": 6103,
      "name": "currencyTermsLocked",
      "msg": "Decimals, feed or quote direction cannot change while invoices in the currency are open"
    },
    {
      "code": 6104,
      "name": "oracleExponentOutOfRange",
      "msg": "Price exponent is outside the supported range"
    },
    {
      "code": 6105,
      "name": "unsupportedMintExtension",
      "msg": "The USDC mint carries a Token-2022 extension that breaks custody or accounting"
    },
    {
      "code": 6106,
      "name": "invalidEntityId",
      "msg": "Legal-entity id is malformed, or missing for a supplier or buyer role (SCHEME:VALUE, scheme a 4-digit ISO 6523 ICD, LEI or VAT)"
    },
    {
      "code": 6107,
      "name": "holdingPeriodActive",
      "msg": "The position is in its minimum holding period: shares can be neither redeemed nor moved before it ends"
    },
    {
      "code": 6108,
      "name": "invalidHoldingPeriod",
      "msg": "Holding period is outside the allowed range"
    },
    {
      "code": 6109,
      "name": "notAssociatedShareAccount",
      "msg": "Share accounts must be the owner's Token-2022 associated token account"
    },
    {
      "code": 6110,
      "name": "pastDueNotApplied",
      "msg": "An invoice deadline has passed without its keeper action (invoice_mature at the overdue time, invoice_mark_late or invoice_write_down at the write-off horizon); apply it first"
    },
    {
      "code": 6111,
      "name": "withdrawalTooSmall",
      "msg": "A queued withdrawal must be worth at least the minimum request (MIN_WITHDRAWAL_REQUEST_USDC)"
    },
    {
      "code": 6112,
      "name": "fillPaysNothing",
      "msg": "This fill would pay nothing for shares that are worth something; it waits for the price or cash"
    },
    {
      "code": 6113,
      "name": "claimPending",
      "msg": "The request holds a payout that could not be delivered; claim it first (withdrawal_claim)"
    },
    {
      "code": 6114,
      "name": "recoveryPeriodNotOver",
      "msg": "The defaulted invoice's recovery period has not ended yet"
    },
    {
      "code": 6115,
      "name": "notProgramUpgradeAuthority",
      "msg": "Only the program's upgrade authority may initialize the protocol (deploy with the upgradeable loader and pass its ProgramData account)"
    },
    {
      "code": 6116,
      "name": "buyerHasOpenDefault",
      "msg": "The pool does not finance a buyer with a defaulted invoice that is not recovered"
    },
    {
      "code": 6117,
      "name": "buyerTooManyLateInvoices",
      "msg": "The buyer has more invoices late than the pool's credit policy allows"
    },
    {
      "code": 6118,
      "name": "buyerCreditLimitExceeded",
      "msg": "The pool's outstanding claim on the buyer would exceed the buyer's credit limit"
    },
    {
      "code": 6119,
      "name": "supplierTooManyProblemInvoices",
      "msg": "The supplier has more invoices disputed or cancelled after acknowledgement than the pool's credit policy allows"
    },
    {
      "code": 6120,
      "name": "supplierProblemRateTooHigh",
      "msg": "The supplier's share of invoices disputed or cancelled after acknowledgement is above the pool's credit policy"
    }
  ],
  "types": [
    {
      "name": "adminTransferAccepted",
      "docs": [
        "The pending admin accepted."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "previousAdmin",
            "type": "pubkey"
          },
          {
            "name": "admin",
            "type": "pubkey"
          }
        ]
      }
    },
    {
      "name": "adminTransferProposed",
      "docs": [
        "The admin proposed a new admin (`Pubkey::default()` cancels)."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "admin",
            "type": "pubkey"
          },
          {
            "name": "pendingAdmin",
            "type": "pubkey"
          }
        ]
      }
    },
    {
      "name": "buyerReputation",
      "docs": [
        "A buyer's on-chain repayment record, PDA `[\"buyer_reputation\",",
        "buyer_entity]`: one per legal entity, shared by all its wallets (as the",
        "pool's exposure records are), so a second wallet of a buyer starts with",
        "the entity's history, not a clean one.",
        "Volumes are face values in micro-USDC: a USD invoice's face, a non-USD",
        "invoice's face at the FX rate of its financing (acknowledged volume: USD",
        "invoices at acknowledgement, others when financed). Read by the credit",
        "policy ([`crate::state::CreditPolicy`])."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "buyerEntity",
            "docs": [
              "The buyer's legal-entity key (`IdentityRecord::entity_key`)."
            ],
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "acknowledgedCount",
            "docs": [
              "Invoices acknowledged."
            ],
            "type": "u32"
          },
          {
            "name": "acknowledgedVolumeUsdc",
            "docs": [
              "Their face volume."
            ],
            "type": "u64"
          },
          {
            "name": "disputedCount",
            "docs": [
              "Invoices disputed."
            ],
            "type": "u32"
          },
          {
            "name": "repaidOnTimeCount",
            "docs": [
              "Invoices repaid in full by the due date plus grace."
            ],
            "type": "u32"
          },
          {
            "name": "repaidOnTimeVolumeUsdc",
            "docs": [
              "Their face volume."
            ],
            "type": "u64"
          },
          {
            "name": "lateCount",
            "docs": [
              "Invoices marked late."
            ],
            "type": "u32"
          },
          {
            "name": "lateVolumeUsdc",
            "docs": [
              "Their face volume."
            ],
            "type": "u64"
          },
          {
            "name": "defaultedCount",
            "docs": [
              "Invoices that defaulted."
            ],
            "type": "u32"
          },
          {
            "name": "defaultedVolumeUsdc",
            "docs": [
              "Their face volume."
            ],
            "type": "u64"
          },
          {
            "name": "recoveredCount",
            "docs": [
              "Invoices repaid in full after being late or defaulted."
            ],
            "type": "u32"
          },
          {
            "name": "bump",
            "docs": [
              "PDA bump."
            ],
            "type": "u8"
          },
          {
            "name": "openLateCount",
            "docs": [
              "Invoices Late now (marked late, not yet repaid in full nor defaulted)."
            ],
            "type": "u32"
          },
          {
            "name": "openDefaultCount",
            "docs": [
              "Invoices defaulted and not recovered in full (closing a default",
              "leaves it counted: the buyer never paid it)."
            ],
            "type": "u32"
          }
        ]
      }
    },
    {
      "name": "creditPolicy",
      "docs": [
        "The pool's terms on buyers' repayment history and suppliers' disputed",
        "and cancelled invoices. Set by the manager with the rest of the policy;",
        "fixed for an invoice when it is financed (they set its discount and",
        "admit it, nothing later reads them)."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "blockOpenDefault",
            "docs": [
              "Refuse financing while the buyer has a defaulted invoice not",
              "recovered in full."
            ],
            "type": "bool"
          },
          {
            "name": "maxOpenLate",
            "docs": [
              "Refuse financing while the buyer has more than this many invoices",
              "Late (`u16::MAX`: no limit)."
            ],
            "type": "u16"
          },
          {
            "name": "provenMinOnTime",
            "docs": [
              "Invoices repaid on time that make a buyer with a clean record",
              "Proven (0: no Proven tier)."
            ],
            "type": "u16"
          },
          {
            "name": "provenDiscountCutBps",
            "docs": [
              "Discount APR cut for Proven buyers (bps)."
            ],
            "type": "u16"
          },
          {
            "name": "watchDiscountAddBps",
            "docs": [
              "Discount APR add-on for buyers on Watch (bps)."
            ],
            "type": "u16"
          },
          {
            "name": "limitBaseUsdc",
            "docs": [
              "Credit limit before any history (micro-USDC)."
            ],
            "type": "u64"
          },
          {
            "name": "limitOnTimeBps",
            "docs": [
              "Limit gained per micro-USDC repaid on time (bps of the volume)."
            ],
            "type": "u16"
          },
          {
            "name": "limitLateBps",
            "docs": [
              "Limit lost per micro-USDC marked late (bps of the volume)."
            ],
            "type": "u16"
          },
          {
            "name": "limitDefaultBps",
            "docs": [
              "Limit lost per micro-USDC defaulted (bps of the volume)."
            ],
            "type": "u16"
          },
          {
            "name": "limitFloorUsdc",
            "docs": [
              "Lowest limit (micro-USDC)."
            ],
            "type": "u64"
          },
          {
            "name": "limitCapUsdc",
            "docs": [
              "Highest limit (micro-USDC); 0: no credit limit."
            ],
            "type": "u64"
          },
          {
            "name": "supplierBlockAtProblems",
            "docs": [
              "Refuse financing once the supplier has this many problem invoices",
              "(disputed, or cancelled after acknowledgement) (0: never)."
            ],
            "type": "u16"
          },
          {
            "name": "supplierMaxProblemRateBps",
            "docs": [
              "Refuse financing while the supplier's problem invoices are more",
              "than this share of its invoices created (bps, at most 10,000; 0: no",
              "rate limit) …"
            ],
            "type": "u16"
          },
          {
            "name": "supplierRateMinCreated",
            "docs": [
              "… once it has created at least this many invoices (0 while the rate",
              "is off)."
            ],
            "type": "u16"
          },
          {
            "name": "supplierWatchMinProblems",
            "docs": [
              "Problem invoices that put a supplier on Watch (0: no Watch tier)."
            ],
            "type": "u16"
          },
          {
            "name": "supplierWatchDiscountAddBps",
            "docs": [
              "Discount APR add-on for suppliers on Watch (bps)."
            ],
            "type": "u16"
          }
        ]
      }
    },
    {
      "name": "currencyConfig",
      "docs": [
        "A currency a pool accepts, PDA `[\"currency\", pool, code]`."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "docs": [
              "The pool."
            ],
            "type": "pubkey"
          },
          {
            "name": "terms",
            "docs": [
              "The terms."
            ],
            "type": {
              "defined": {
                "name": "currencyTerms"
              }
            }
          },
          {
            "name": "bump",
            "docs": [
              "PDA bump."
            ],
            "type": "u8"
          },
          {
            "name": "openInvoices",
            "docs": [
              "Financed invoices in this currency not yet fully repaid. While it is",
              "above zero the configuration cannot be removed, its decimals, feed",
              "and quote direction cannot change (they value those invoices), and",
              "its price band, maximum age and confidence limit may only loosen."
            ],
            "type": "u32"
          }
        ]
      }
    },
    {
      "name": "currencyTerms",
      "docs": [
        "The terms under which a pool accepts a currency."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "code",
            "docs": [
              "ISO 4217 code, upper-case ASCII, not USD."
            ],
            "type": {
              "array": [
                "u8",
                3
              ]
            }
          },
          {
            "name": "decimals",
            "docs": [
              "Minor-unit decimals (JPY 0, EUR 2, KWD 3), at most 4."
            ],
            "type": "u8"
          },
          {
            "name": "feedId",
            "docs": [
              "Pyth price feed id."
            ],
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "direction",
            "docs": [
              "Quote direction of the feed."
            ],
            "type": {
              "defined": {
                "name": "quoteDirection"
              }
            }
          },
          {
            "name": "maxAgeSecs",
            "docs": [
              "A price older than this (seconds) is refused."
            ],
            "type": "u32"
          },
          {
            "name": "maxConfBps",
            "docs": [
              "Confidence / price must not exceed this (bps)."
            ],
            "type": "u16"
          },
          {
            "name": "minUsdcPerUnit",
            "docs": [
              "Plausibility band of one whole unit in micro-USD (a misconfigured,",
              "inverted feed falls outside it)."
            ],
            "type": "u64"
          },
          {
            "name": "maxUsdcPerUnit",
            "docs": [
              "Upper end of the plausibility band."
            ],
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "deposited",
      "docs": [
        "USDC deposited into a tranche."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "investor",
            "type": "pubkey"
          },
          {
            "name": "tranche",
            "type": {
              "defined": {
                "name": "tranche"
              }
            }
          },
          {
            "name": "amountUsdc",
            "type": "u64"
          },
          {
            "name": "shares",
            "type": "u64"
          },
          {
            "name": "snapshot",
            "type": {
              "defined": {
                "name": "poolSnapshot"
              }
            }
          },
          {
            "name": "ts",
            "type": "i64"
          },
          {
            "name": "unlockTs",
            "docs": [
              "End of the investor's holding period in this tranche (the share ATA",
              "stays frozen until then; equals `ts` when the pool has none)."
            ],
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "exposure",
      "docs": [
        "A pool's outstanding claim on one buyer or supplier legal entity, PDA",
        "`[\"exposure\", pool, kind, entity_key]`, for the concentration caps. All",
        "wallets of one entity share it (F-06)."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "docs": [
              "The pool."
            ],
            "type": "pubkey"
          },
          {
            "name": "entity",
            "docs": [
              "The buyer's or supplier's entity key (`sha256` of the canonical",
              "legal-entity id of its identity record)."
            ],
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "outstandingUsdc",
            "docs": [
              "Sum of the pool's outstanding claims (micro-USDC) on invoices of this party."
            ],
            "type": "u64"
          },
          {
            "name": "openInvoices",
            "docs": [
              "Number of this party's financed invoices still owed: financed, not",
              "yet repaid in full nor closed in default (the pool's",
              "`PoolLedger::open_invoices` counts until settlement instead)."
            ],
            "type": "u32"
          },
          {
            "name": "bump",
            "docs": [
              "PDA bump."
            ],
            "type": "u8"
          }
        ]
      }
    },
    {
      "name": "externalBurnReconciled",
      "docs": [
        "Share tokens burned outside the program (Token-2022 `Burn` by a holder)",
        "were taken off the tranche's book: their value now belongs to the",
        "remaining holders."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "tranche",
            "type": {
              "defined": {
                "name": "tranche"
              }
            }
          },
          {
            "name": "sharesBurned",
            "docs": [
              "Shares burned since the last reconciliation."
            ],
            "type": "u64"
          },
          {
            "name": "sharesOutstanding",
            "docs": [
              "Shares outstanding after the reconciliation (= the mint's supply)."
            ],
            "type": "u64"
          },
          {
            "name": "ts",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "feesCollected",
      "docs": [
        "Fees owed were paid out to the treasury and the manager."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "protocolFeesUsdc",
            "type": "u64"
          },
          {
            "name": "managerFeesUsdc",
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "gradeTerms",
      "docs": [
        "Terms for one risk grade."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "enabled",
            "docs": [
              "Whether invoices of this grade may be financed."
            ],
            "type": "bool"
          },
          {
            "name": "minCreditScore",
            "docs": [
              "Lowest buyer credit score (0–1000) that maps to this grade."
            ],
            "type": "u16"
          },
          {
            "name": "advanceRateBps",
            "docs": [
              "Share of face value advanced (bps, 1..=10000)."
            ],
            "type": "u16"
          },
          {
            "name": "discountAprBps",
            "docs": [
              "Discount APR charged on face value to the due date (bps)."
            ],
            "type": "u16"
          }
        ]
      }
    },
    {
      "name": "historyTier",
      "docs": [
        "A buyer's history tier at financing."
      ],
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "standard"
          },
          {
            "name": "proven"
          },
          {
            "name": "watch"
          }
        ]
      }
    },
    {
      "name": "identityIssued",
      "docs": [
        "An identity record was issued."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "record",
            "type": "pubkey"
          },
          {
            "name": "wallet",
            "type": "pubkey"
          },
          {
            "name": "issuer",
            "type": "pubkey"
          },
          {
            "name": "terms",
            "type": {
              "defined": {
                "name": "identityTerms"
              }
            }
          },
          {
            "name": "entityKey",
            "docs": [
              "`sha256` of the canonical entity id (zero if none)."
            ],
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          }
        ]
      }
    },
    {
      "name": "identityIssuer",
      "docs": [
        "A KYC/KYB provider registered by the protocol admin, PDA",
        "`[\"issuer\", authority]`."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "authority",
            "docs": [
              "The wallet that signs identity issuance, updates and revocations."
            ],
            "type": "pubkey"
          },
          {
            "name": "name",
            "docs": [
              "Display name (e.g. the provider's legal name)."
            ],
            "type": "string"
          },
          {
            "name": "active",
            "docs": [
              "Only an active issuer may issue or update records. Revocation works",
              "regardless, so a deactivated issuer can still clean up."
            ],
            "type": "bool"
          },
          {
            "name": "registeredTs",
            "docs": [
              "When the admin registered the issuer (unix seconds)."
            ],
            "type": "i64"
          },
          {
            "name": "recordsIssued",
            "docs": [
              "Number of identity records this issuer has issued."
            ],
            "type": "u64"
          },
          {
            "name": "bump",
            "docs": [
              "PDA bump."
            ],
            "type": "u8"
          }
        ]
      }
    },
    {
      "name": "identityRecord",
      "docs": [
        "The identity of one wallet, PDA `[\"identity\", wallet]`. Exactly one",
        "record per wallet; only the issuer that created it may change it."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "wallet",
            "docs": [
              "The wallet this record describes."
            ],
            "type": "pubkey"
          },
          {
            "name": "issuer",
            "docs": [
              "Authority of the issuer that created (and alone may change) the record."
            ],
            "type": "pubkey"
          },
          {
            "name": "roles",
            "docs": [
              "Role bitmask: `ROLE_SUPPLIER | ROLE_BUYER | ROLE_INVESTOR | ROLE_VERIFIER | ROLE_MANAGER`."
            ],
            "type": "u8"
          },
          {
            "name": "jurisdiction",
            "docs": [
              "ISO 3166-1 alpha-2 jurisdiction, upper-case ASCII (e.g. `b\"NO\"`)."
            ],
            "type": {
              "array": [
                "u8",
                2
              ]
            }
          },
          {
            "name": "accreditation",
            "docs": [
              "Investor accreditation level, 0..=[`MAX_ACCREDITATION`]."
            ],
            "type": "u8"
          },
          {
            "name": "did",
            "docs": [
              "Decentralized identifier of the entity (`did:...`)."
            ],
            "type": "string"
          },
          {
            "name": "entityId",
            "docs": [
              "Issuer-assigned legal-entity id in canonical form (`0192:923609016`,",
              "`LEI:…`, `VAT:…`; rule in [`crate::canonical`]); empty only for",
              "records without the supplier or buyer role. Several wallets of one",
              "entity carry the same id."
            ],
            "type": "string"
          },
          {
            "name": "entityKey",
            "docs": [
              "`sha256(entity_id)` (zero when `entity_id` is empty): the key of the",
              "pool's exposure records and of the supplier's invoice-number registry."
            ],
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "expiresTs",
            "docs": [
              "The record is invalid from this unix time on."
            ],
            "type": "i64"
          },
          {
            "name": "issuedTs",
            "docs": [
              "When the record was first issued."
            ],
            "type": "i64"
          },
          {
            "name": "updatedTs",
            "docs": [
              "When the record was last changed."
            ],
            "type": "i64"
          },
          {
            "name": "revoked",
            "docs": [
              "Revoked records are invalid until the issuer reinstates them."
            ],
            "type": "bool"
          },
          {
            "name": "bump",
            "docs": [
              "PDA bump."
            ],
            "type": "u8"
          }
        ]
      }
    },
    {
      "name": "identityRevoked",
      "docs": [
        "An identity record was revoked."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "record",
            "type": "pubkey"
          },
          {
            "name": "wallet",
            "type": "pubkey"
          },
          {
            "name": "issuer",
            "type": "pubkey"
          }
        ]
      }
    },
    {
      "name": "identityTerms",
      "docs": [
        "The attributes an issuer sets on a record."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "roles",
            "docs": [
              "Role bitmask (non-empty, known bits only)."
            ],
            "type": "u8"
          },
          {
            "name": "jurisdiction",
            "docs": [
              "ISO 3166-1 alpha-2 code, two upper-case ASCII letters."
            ],
            "type": {
              "array": [
                "u8",
                2
              ]
            }
          },
          {
            "name": "accreditation",
            "docs": [
              "Accreditation level, 0..=[`MAX_ACCREDITATION`]."
            ],
            "type": "u8"
          },
          {
            "name": "did",
            "docs": [
              "`did:` URI, 5..=[`MAX_DID_LEN`] bytes."
            ],
            "type": "string"
          },
          {
            "name": "entityId",
            "docs": [
              "Legal-entity id as the issuer writes it (`SCHEME:VALUE`); stored in",
              "canonical form. Required for the supplier and buyer roles, may be",
              "empty otherwise. See [`crate::canonical`]."
            ],
            "type": "string"
          },
          {
            "name": "expiresTs",
            "docs": [
              "Expiry (unix seconds), strictly in the future."
            ],
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "identityUpdated",
      "docs": [
        "An identity record was updated (and reinstated if it was revoked)."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "record",
            "type": "pubkey"
          },
          {
            "name": "wallet",
            "type": "pubkey"
          },
          {
            "name": "issuer",
            "type": "pubkey"
          },
          {
            "name": "terms",
            "type": {
              "defined": {
                "name": "identityTerms"
              }
            }
          },
          {
            "name": "entityKey",
            "docs": [
              "`sha256` of the canonical entity id (zero if none)."
            ],
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "reinstated",
            "type": "bool"
          }
        ]
      }
    },
    {
      "name": "invoice",
      "docs": [
        "A factored invoice, PDA `[\"invoice\", asset]`."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "asset",
            "docs": [
              "The Metaplex Core asset that represents it."
            ],
            "type": "pubkey"
          },
          {
            "name": "pool",
            "docs": [
              "The pool it is offered to."
            ],
            "type": "pubkey"
          },
          {
            "name": "supplier",
            "docs": [
              "The supplier (originator, owner of the asset until financing)."
            ],
            "type": "pubkey"
          },
          {
            "name": "buyer",
            "docs": [
              "The buyer (debtor)."
            ],
            "type": "pubkey"
          },
          {
            "name": "supplierEntity",
            "docs": [
              "The supplier's legal-entity key at origination",
              "([`crate::state::IdentityRecord::entity_key`]): keys the supplier",
              "exposure and the invoice-number registry entry."
            ],
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "buyerEntity",
            "docs": [
              "The buyer's legal-entity key at origination: keys the buyer exposure."
            ],
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "rentPayer",
            "docs": [
              "Who paid the rent of this account and the registry entries."
            ],
            "type": "pubkey"
          },
          {
            "name": "faceMinor",
            "docs": [
              "Face amount in the currency's minor units."
            ],
            "type": "u64"
          },
          {
            "name": "repaidMinor",
            "docs": [
              "Minor units paid so far."
            ],
            "type": "u64"
          },
          {
            "name": "currency",
            "docs": [
              "ISO 4217 code, upper-case ASCII."
            ],
            "type": {
              "array": [
                "u8",
                3
              ]
            }
          },
          {
            "name": "currencyDecimals",
            "docs": [
              "Minor-unit decimals of the currency."
            ],
            "type": "u8"
          },
          {
            "name": "issueTs",
            "docs": [
              "Issue date (unix seconds)."
            ],
            "type": "i64"
          },
          {
            "name": "dueTs",
            "docs": [
              "Due date (unix seconds)."
            ],
            "type": "i64"
          },
          {
            "name": "documentHash",
            "docs": [
              "SHA-256 of the invoice document."
            ],
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "invoiceNumber",
            "docs": [
              "The supplier's own invoice number."
            ],
            "type": "string"
          },
          {
            "name": "invoiceNumberHash",
            "docs": [
              "SHA-256 of the canonical invoice number",
              "([`crate::canonical::invoice_number_hash`]; seed of its registry entry)."
            ],
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "metadataUri",
            "docs": [
              "URI of the asset's off-chain metadata."
            ],
            "type": "string"
          },
          {
            "name": "status",
            "docs": [
              "Lifecycle status."
            ],
            "type": {
              "defined": {
                "name": "invoiceStatus"
              }
            }
          },
          {
            "name": "createdTs",
            "docs": [
              "When it was originated."
            ],
            "type": "i64"
          },
          {
            "name": "acknowledgedTs",
            "docs": [
              "When the buyer acknowledged (0 if not)."
            ],
            "type": "i64"
          },
          {
            "name": "verifier",
            "docs": [
              "The verifier who attested (default if none)."
            ],
            "type": "pubkey"
          },
          {
            "name": "deliveryProofHash",
            "docs": [
              "Hash of the delivery proof the verifier attested."
            ],
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "creditScore",
            "docs": [
              "Buyer credit score attested (0–1000)."
            ],
            "type": "u16"
          },
          {
            "name": "riskGrade",
            "docs": [
              "Risk grade from the pool policy (0 = A); 255 when no enabled grade fits."
            ],
            "type": "u8"
          },
          {
            "name": "attestedTs",
            "docs": [
              "When it was attested."
            ],
            "type": "i64"
          },
          {
            "name": "financedTs",
            "docs": [
              "When the pool bought it."
            ],
            "type": "i64"
          },
          {
            "name": "lateTs",
            "docs": [
              "When it was marked late."
            ],
            "type": "i64"
          },
          {
            "name": "defaultedTs",
            "docs": [
              "When it defaulted."
            ],
            "type": "i64"
          },
          {
            "name": "repaidTs",
            "docs": [
              "When it was fully repaid."
            ],
            "type": "i64"
          },
          {
            "name": "overdueTs",
            "docs": [
              "Risk terms fixed at financing (F-07), all UTC midnights: the start",
              "of the due date (the midnight at or before `due_ts`). Income accrues",
              "up to it; from it the write-down schedule runs."
            ],
            "type": "i64"
          },
          {
            "name": "lateAfterTs",
            "docs": [
              "`overdue_ts` + the pool's grace days at financing: from here a keeper",
              "may mark it Late; repaid in full by then counts as on time."
            ],
            "type": "i64"
          },
          {
            "name": "writeoffTs",
            "docs": [
              "`overdue_ts` + the pool's write-off days at financing: the schedule",
              "reaches zero and the invoice defaults."
            ],
            "type": "i64"
          },
          {
            "name": "nextDeadlineTs",
            "docs": [
              "Its pending deadline in the pool's calendar: `overdue_ts` while its",
              "income accrues, `writeoff_ts` while it is written down, 0 after a",
              "default or a full repayment (and before financing)."
            ],
            "type": "i64"
          },
          {
            "name": "closeAfterTs",
            "docs": [
              "`writeoff_ts` + the pool's recovery days at financing: from then a",
              "defaulted invoice may be closed by anyone (`invoice_close_defaulted`)."
            ],
            "type": "i64"
          },
          {
            "name": "fxRateScaled",
            "docs": [
              "FX rate used at financing (USDC micro per minor unit × 10^12); 0 for USD."
            ],
            "type": "u128"
          },
          {
            "name": "book",
            "docs": [
              "Pool-side accounting."
            ],
            "type": {
              "defined": {
                "name": "invoiceBook"
              }
            }
          },
          {
            "name": "bump",
            "docs": [
              "PDA bump."
            ],
            "type": "u8"
          }
        ]
      }
    },
    {
      "name": "invoiceAcknowledged",
      "docs": [
        "The buyer acknowledged the invoice."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "invoice",
            "type": "pubkey"
          },
          {
            "name": "buyer",
            "type": "pubkey"
          },
          {
            "name": "ts",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "invoiceAttestArgs",
      "docs": [
        "Arguments of `invoice_attest`."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "deliveryProofHash",
            "docs": [
              "Hash of the delivery proof (e.g. of a logistics API response)."
            ],
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "creditScore",
            "docs": [
              "The buyer's credit score, 0–1000."
            ],
            "type": "u16"
          }
        ]
      }
    },
    {
      "name": "invoiceAttested",
      "docs": [
        "A verifier attested delivery and the buyer's credit."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "invoice",
            "type": "pubkey"
          },
          {
            "name": "verifier",
            "type": "pubkey"
          },
          {
            "name": "deliveryProofHash",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "creditScore",
            "type": "u16"
          },
          {
            "name": "riskGrade",
            "docs": [
              "0 = A …; 255 when no enabled grade accepts the score."
            ],
            "type": "u8"
          },
          {
            "name": "ts",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "invoiceBook",
      "docs": [
        "The pool-side accounting of a financed invoice, in micro-USDC."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pricing",
            "docs": [
              "Price fixed at financing."
            ],
            "type": {
              "defined": {
                "name": "pricing"
              }
            }
          },
          {
            "name": "collectedUsdc",
            "docs": [
              "USDC received from payers in total."
            ],
            "type": "u64"
          },
          {
            "name": "claimCollectedUsdc",
            "docs": [
              "Part of the collections applied to the pool's claim (advance + net income)."
            ],
            "type": "u64"
          },
          {
            "name": "protocolFeeCollectedUsdc",
            "docs": [
              "Part applied to the protocol fee."
            ],
            "type": "u64"
          },
          {
            "name": "managerFeeCollectedUsdc",
            "docs": [
              "Part applied to the manager fee."
            ],
            "type": "u64"
          },
          {
            "name": "reserveCollectedUsdc",
            "docs": [
              "Part applied to the supplier's reserve."
            ],
            "type": "u64"
          },
          {
            "name": "bookUsdc",
            "docs": [
              "Book value recognized at the last touch (excludes the running accrual)."
            ],
            "type": "u64"
          },
          {
            "name": "rateScaled",
            "docs": [
              "Income accrual rate while accruing (micro-USDC/s × INCOME_SCALE); 0 otherwise."
            ],
            "type": "u128"
          },
          {
            "name": "accrualStartTs",
            "docs": [
              "Start of the running accrual or write-down."
            ],
            "type": "i64"
          },
          {
            "name": "writtenDownUsdc",
            "docs": [
              "Book value taken off by write-downs, net of write-backs and of",
              "payments beyond the book (recoveries); the invoice's share of the",
              "pool's `total_written_down_usdc`. Income never recognized (an",
              "invoice marked late before its income was booked in full) is not a",
              "write-down."
            ],
            "type": "u64"
          },
          {
            "name": "writeDownRateScaled",
            "docs": [
              "Write-down rate while past due (micro-USDC/s × INCOME_SCALE): the",
              "book falls linearly to zero at the write-off horizon; 0 otherwise."
            ],
            "type": "u128"
          }
        ]
      }
    },
    {
      "name": "invoiceCancelled",
      "docs": [
        "The supplier cancelled the invoice before financing."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "invoice",
            "type": "pubkey"
          },
          {
            "name": "asset",
            "type": "pubkey"
          },
          {
            "name": "supplier",
            "type": "pubkey"
          },
          {
            "name": "ts",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "invoiceClosedDefaulted",
      "docs": [
        "A defaulted invoice was closed at the end of its recovery period: what",
        "was collected toward the supplier's reserve is paid out, the asset is",
        "burned and the invoice account closed."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "invoice",
            "type": "pubkey"
          },
          {
            "name": "asset",
            "type": "pubkey"
          },
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "supplier",
            "type": "pubkey"
          },
          {
            "name": "reserveReleasedUsdc",
            "docs": [
              "Collected toward the reserve and paid to the supplier."
            ],
            "type": "u64"
          },
          {
            "name": "reserveOwedUsdc",
            "docs": [
              "Collected toward the reserve but not delivered (no USDC account of",
              "the supplier's that can receive was given): it stays owed, the",
              "invoice stays `Closed` until the supplier claims it",
              "(`invoice_claim_reserve`)."
            ],
            "type": "u64"
          },
          {
            "name": "claimUnpaidUsdc",
            "docs": [
              "The pool's claim that stays unpaid (its loss)."
            ],
            "type": "u64"
          },
          {
            "name": "snapshot",
            "type": {
              "defined": {
                "name": "poolSnapshot"
              }
            }
          },
          {
            "name": "ts",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "invoiceCreateArgs",
      "docs": [
        "Arguments of `invoice_create`."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "faceMinor",
            "docs": [
              "Face amount in the currency's minor units."
            ],
            "type": "u64"
          },
          {
            "name": "currency",
            "docs": [
              "ISO 4217 code."
            ],
            "type": {
              "array": [
                "u8",
                3
              ]
            }
          },
          {
            "name": "issueTs",
            "docs": [
              "Issue date (unix seconds), not in the future."
            ],
            "type": "i64"
          },
          {
            "name": "dueTs",
            "docs": [
              "Due date (unix seconds), after the issue date and in the future."
            ],
            "type": "i64"
          },
          {
            "name": "documentHash",
            "docs": [
              "SHA-256 of the invoice document (PDF or e-invoice XML)."
            ],
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "invoiceNumber",
            "docs": [
              "The supplier's own invoice number (stored as given)."
            ],
            "type": "string"
          },
          {
            "name": "invoiceNumberHash",
            "docs": [
              "SHA-256 of the canonical form of `invoice_number`",
              "([`crate::canonical::invoice_number_hash`]; seed of its registry",
              "entry; checked)."
            ],
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "metadataUri",
            "docs": [
              "URI of the asset's metadata JSON."
            ],
            "type": "string"
          }
        ]
      }
    },
    {
      "name": "invoiceCreated",
      "docs": [
        "An invoice was originated and its Core asset minted to the supplier."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "invoice",
            "type": "pubkey"
          },
          {
            "name": "asset",
            "type": "pubkey"
          },
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "supplier",
            "type": "pubkey"
          },
          {
            "name": "buyer",
            "type": "pubkey"
          },
          {
            "name": "faceMinor",
            "type": "u64"
          },
          {
            "name": "currency",
            "type": {
              "array": [
                "u8",
                3
              ]
            }
          },
          {
            "name": "issueTs",
            "type": "i64"
          },
          {
            "name": "dueTs",
            "type": "i64"
          },
          {
            "name": "documentHash",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "invoiceNumber",
            "type": "string"
          }
        ]
      }
    },
    {
      "name": "invoiceDisputed",
      "docs": [
        "The buyer disputed the invoice."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "invoice",
            "type": "pubkey"
          },
          {
            "name": "buyer",
            "type": "pubkey"
          },
          {
            "name": "reasonHash",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "ts",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "invoiceFinanceArgs",
      "docs": [
        "Arguments of `invoice_finance`."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "minAdvanceUsdc",
            "docs": [
              "Refuse if the advance would be lower (slippage guard)."
            ],
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "invoiceFinanced",
      "docs": [
        "The pool bought the invoice."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "invoice",
            "type": "pubkey"
          },
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "supplier",
            "type": "pubkey"
          },
          {
            "name": "buyer",
            "type": "pubkey"
          },
          {
            "name": "riskGrade",
            "type": "u8"
          },
          {
            "name": "faceUsdc",
            "type": "u64"
          },
          {
            "name": "advanceUsdc",
            "type": "u64"
          },
          {
            "name": "discountUsdc",
            "type": "u64"
          },
          {
            "name": "protocolFeeUsdc",
            "type": "u64"
          },
          {
            "name": "managerFeeUsdc",
            "type": "u64"
          },
          {
            "name": "reserveUsdc",
            "type": "u64"
          },
          {
            "name": "discountAprBps",
            "docs": [
              "Discount APR charged: the grade's, moved by the buyer's history tier."
            ],
            "type": "u16"
          },
          {
            "name": "historyTier",
            "docs": [
              "The buyer's history tier under the pool's credit policy."
            ],
            "type": {
              "defined": {
                "name": "historyTier"
              }
            }
          },
          {
            "name": "buyerCreditLimitUsdc",
            "docs": [
              "The buyer's credit limit that applied (micro-USDC); 0: none."
            ],
            "type": "u64"
          },
          {
            "name": "supplierTier",
            "docs": [
              "The supplier's history tier under the pool's credit policy."
            ],
            "type": {
              "defined": {
                "name": "supplierTier"
              }
            }
          },
          {
            "name": "supplierProblemInvoices",
            "docs": [
              "The supplier's invoices disputed or cancelled after acknowledgement",
              "that the decision read, and its invoices created."
            ],
            "type": "u32"
          },
          {
            "name": "supplierCreatedInvoices",
            "type": "u32"
          },
          {
            "name": "fxRateScaled",
            "docs": [
              "FX rate used (USDC micro per minor unit × 10^12); 0 for USD."
            ],
            "type": "u128"
          },
          {
            "name": "overdueTs",
            "docs": [
              "Risk terms fixed now (F-07): start of the due date (income stops,",
              "the write-down starts), Late from, write-off horizon."
            ],
            "type": "i64"
          },
          {
            "name": "lateAfterTs",
            "type": "i64"
          },
          {
            "name": "writeoffTs",
            "type": "i64"
          },
          {
            "name": "snapshot",
            "type": {
              "defined": {
                "name": "poolSnapshot"
              }
            }
          },
          {
            "name": "ts",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "invoiceMarkedLate",
      "docs": [
        "A keeper marked an invoice late."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "invoice",
            "type": "pubkey"
          },
          {
            "name": "bookUsdc",
            "type": "u64"
          },
          {
            "name": "writtenDownUsdc",
            "docs": [
              "The invoice's `written_down_usdc` after the instruction (write-downs",
              "net of write-backs and recoveries); the pool's",
              "`total_written_down_usdc` is the sum over invoices of the last value."
            ],
            "type": "u64"
          },
          {
            "name": "snapshot",
            "type": {
              "defined": {
                "name": "poolSnapshot"
              }
            }
          },
          {
            "name": "ts",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "invoiceMatured",
      "docs": [
        "A keeper stopped an invoice's income accrual at its due date."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "invoice",
            "type": "pubkey"
          },
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "bookUsdc",
            "type": "u64"
          },
          {
            "name": "writtenDownUsdc",
            "docs": [
              "The invoice's `written_down_usdc` after the instruction (write-downs",
              "net of write-backs and recoveries); the pool's",
              "`total_written_down_usdc` is the sum over invoices of the last value."
            ],
            "type": "u64"
          },
          {
            "name": "snapshot",
            "type": {
              "defined": {
                "name": "poolSnapshot"
              }
            }
          },
          {
            "name": "ts",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "invoicePaid",
      "docs": [
        "A payment toward an invoice."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "invoice",
            "type": "pubkey"
          },
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "payer",
            "type": "pubkey"
          },
          {
            "name": "amountMinor",
            "type": "u64"
          },
          {
            "name": "amountUsdc",
            "type": "u64"
          },
          {
            "name": "outstandingMinor",
            "type": "u64"
          },
          {
            "name": "toPoolUsdc",
            "docs": [
              "Part applied to the pool's claim."
            ],
            "type": "u64"
          },
          {
            "name": "recovery",
            "docs": [
              "The invoice was late or defaulted: a recovery."
            ],
            "type": "bool"
          },
          {
            "name": "fullyRepaid",
            "type": "bool"
          },
          {
            "name": "writtenDownUsdc",
            "docs": [
              "The invoice's `written_down_usdc` after the instruction (write-downs",
              "net of write-backs and recoveries); the pool's",
              "`total_written_down_usdc` is the sum over invoices of the last value."
            ],
            "type": "u64"
          },
          {
            "name": "fxRateScaled",
            "docs": [
              "FX rate charged (USDC micro per minor unit × 10^12); 0 for USD."
            ],
            "type": "u128"
          },
          {
            "name": "snapshot",
            "type": {
              "defined": {
                "name": "poolSnapshot"
              }
            }
          },
          {
            "name": "ts",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "invoiceRepayArgs",
      "docs": [
        "Arguments of `invoice_repay`."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "amountMinor",
            "docs": [
              "Amount credited, in the invoice currency's minor units."
            ],
            "type": "u64"
          },
          {
            "name": "maxUsdc",
            "docs": [
              "Most USDC the payer accepts to pay for it."
            ],
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "invoiceReserveClaimed",
      "docs": [
        "The supplier claimed a reserve that settlement or the close of a",
        "default could not deliver; the invoice account is closed."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "invoice",
            "type": "pubkey"
          },
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "supplier",
            "type": "pubkey"
          },
          {
            "name": "amountUsdc",
            "type": "u64"
          },
          {
            "name": "destination",
            "docs": [
              "USDC account it was paid to."
            ],
            "type": "pubkey"
          },
          {
            "name": "snapshot",
            "type": {
              "defined": {
                "name": "poolSnapshot"
              }
            }
          },
          {
            "name": "ts",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "invoiceSettled",
      "docs": [
        "A repaid invoice was settled: reserve released, asset burned, account closed."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "invoice",
            "type": "pubkey"
          },
          {
            "name": "asset",
            "type": "pubkey"
          },
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "supplier",
            "type": "pubkey"
          },
          {
            "name": "reserveReleasedUsdc",
            "docs": [
              "Reserve paid to the supplier."
            ],
            "type": "u64"
          },
          {
            "name": "reserveOwedUsdc",
            "docs": [
              "Reserve that could not be delivered (the supplier's USDC account was",
              "frozen): it stays owed, the invoice stays `Closed` until the",
              "supplier claims it (`invoice_claim_reserve`)."
            ],
            "type": "u64"
          },
          {
            "name": "ts",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "invoiceStatus",
      "docs": [
        "Where an invoice is in its lifecycle (PRODUCT.md, \"Invoice lifecycle\")."
      ],
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "created"
          },
          {
            "name": "acknowledged"
          },
          {
            "name": "disputed"
          },
          {
            "name": "verified"
          },
          {
            "name": "financed"
          },
          {
            "name": "partiallyRepaid"
          },
          {
            "name": "late"
          },
          {
            "name": "defaulted"
          },
          {
            "name": "repaid"
          },
          {
            "name": "closed"
          }
        ]
      }
    },
    {
      "name": "invoiceWrittenDown",
      "docs": [
        "A keeper applied the write-down schedule (or the invoice defaulted)."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "invoice",
            "type": "pubkey"
          },
          {
            "name": "previousBookUsdc",
            "type": "u64"
          },
          {
            "name": "bookUsdc",
            "type": "u64"
          },
          {
            "name": "writtenDownUsdc",
            "docs": [
              "The invoice's `written_down_usdc` after the instruction (write-downs",
              "net of write-backs and recoveries); the pool's",
              "`total_written_down_usdc` is the sum over invoices of the last value."
            ],
            "type": "u64"
          },
          {
            "name": "defaulted",
            "type": "bool"
          },
          {
            "name": "snapshot",
            "type": {
              "defined": {
                "name": "poolSnapshot"
              }
            }
          },
          {
            "name": "ts",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "issuerRegistered",
      "docs": [
        "An identity issuer was registered."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "issuer",
            "type": "pubkey"
          },
          {
            "name": "authority",
            "type": "pubkey"
          },
          {
            "name": "name",
            "type": "string"
          }
        ]
      }
    },
    {
      "name": "issuerStatusSet",
      "docs": [
        "An identity issuer was activated or deactivated."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "issuer",
            "type": "pubkey"
          },
          {
            "name": "active",
            "type": "bool"
          }
        ]
      }
    },
    {
      "name": "pendingRiskChange",
      "docs": [
        "A change of the parameters that move value between the tranches or",
        "lock investors in (minimum junior ratio, senior APR, holding period),",
        "announced by `pool_update_config` and applied at `effective_ts`",
        "([`PendingRiskChange::effective_ts_for`]) by the first instruction that",
        "accrues the pool at or after it."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "minJuniorRatioBps",
            "docs": [
              "New minimum junior ratio (bps)."
            ],
            "type": "u16"
          },
          {
            "name": "seniorAprBps",
            "docs": [
              "New senior target APR (bps)."
            ],
            "type": "u16"
          },
          {
            "name": "minHoldSecs",
            "docs": [
              "New minimum holding period (seconds)."
            ],
            "type": "u32"
          },
          {
            "name": "effectiveTs",
            "docs": [
              "From when it applies; 0 when no change is pending."
            ],
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "pool",
      "docs": [
        "A liquidity pool, PDA `[\"pool\", manager, pool_id LE]`."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "bump",
            "docs": [
              "PDA bump."
            ],
            "type": "u8"
          },
          {
            "name": "vaultBump",
            "docs": [
              "Bump of the vault PDA."
            ],
            "type": "u8"
          },
          {
            "name": "seniorMintBump",
            "docs": [
              "Bump of the senior mint PDA."
            ],
            "type": "u8"
          },
          {
            "name": "juniorMintBump",
            "docs": [
              "Bump of the junior mint PDA."
            ],
            "type": "u8"
          },
          {
            "name": "paused",
            "docs": [
              "Paused pools refuse deposits, withdrawals and financing."
            ],
            "type": "bool"
          },
          {
            "name": "poolId",
            "docs": [
              "Manager-chosen identifier, unique per manager."
            ],
            "type": "u64"
          },
          {
            "name": "manager",
            "docs": [
              "The manager: tunes parameters and policy, pauses the pool."
            ],
            "type": "pubkey"
          },
          {
            "name": "usdcMint",
            "docs": [
              "USDC mint of the vault."
            ],
            "type": "pubkey"
          },
          {
            "name": "vault",
            "docs": [
              "USDC token account holding the pool's cash, PDA `[\"vault\", pool]`."
            ],
            "type": "pubkey"
          },
          {
            "name": "seniorMint",
            "docs": [
              "Senior share mint (Token-2022, default-frozen accounts)."
            ],
            "type": "pubkey"
          },
          {
            "name": "juniorMint",
            "docs": [
              "Junior share mint (Token-2022, default-frozen accounts)."
            ],
            "type": "pubkey"
          },
          {
            "name": "params",
            "docs": [
              "Investor-facing parameters."
            ],
            "type": {
              "defined": {
                "name": "poolParams"
              }
            }
          },
          {
            "name": "policy",
            "docs": [
              "Financing policy."
            ],
            "type": {
              "defined": {
                "name": "poolPolicy"
              }
            }
          },
          {
            "name": "ledger",
            "docs": [
              "NAV, tranche and queue accounting."
            ],
            "type": {
              "defined": {
                "name": "poolLedger"
              }
            }
          },
          {
            "name": "createdTs",
            "docs": [
              "Creation time."
            ],
            "type": "i64"
          },
          {
            "name": "pendingRiskChange",
            "docs": [
              "Announced change of the minimum junior ratio / senior APR."
            ],
            "type": {
              "defined": {
                "name": "pendingRiskChange"
              }
            }
          },
          {
            "name": "recentDeposits",
            "docs": [
              "Deposits of the last holding window (excluded from financing limits)."
            ],
            "type": {
              "defined": {
                "name": "recentDeposits"
              }
            }
          },
          {
            "name": "reserved",
            "docs": [
              "Space kept for future fields (zeroed)."
            ],
            "type": {
              "array": [
                "u8",
                212
              ]
            }
          }
        ]
      }
    },
    {
      "name": "poolCalendar",
      "docs": [
        "The calendar, PDA `[\"calendar\", pool]`, created with the pool."
      ],
      "serialization": "bytemuck",
      "repr": {
        "kind": "c"
      },
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "docs": [
              "The pool."
            ],
            "type": "pubkey"
          },
          {
            "name": "cursorDay",
            "docs": [
              "No pending deadline lies on a day before this one (days since the",
              "unix epoch, UTC)."
            ],
            "type": "i64"
          },
          {
            "name": "pending",
            "docs": [
              "Pending deadlines in total (one per open invoice not yet defaulted)."
            ],
            "type": "u64"
          },
          {
            "name": "counts",
            "docs": [
              "Pending deadlines per day; day `d` is slot `d mod CALENDAR_DAYS`."
            ],
            "type": {
              "array": [
                "u32",
                1024
              ]
            }
          },
          {
            "name": "bump",
            "docs": [
              "PDA bump."
            ],
            "type": "u8"
          },
          {
            "name": "padding",
            "docs": [
              "Alignment padding (zero)."
            ],
            "type": {
              "array": [
                "u8",
                7
              ]
            }
          }
        ]
      }
    },
    {
      "name": "poolConfigUpdated",
      "docs": [
        "The manager changed a pool's parameters and policy."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "params",
            "type": {
              "defined": {
                "name": "poolParams"
              }
            }
          },
          {
            "name": "policy",
            "type": {
              "defined": {
                "name": "poolPolicy"
              }
            }
          }
        ]
      }
    },
    {
      "name": "poolCreateArgs",
      "docs": [
        "Arguments of `pool_create`."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "poolId",
            "docs": [
              "Identifier unique among the manager's pools (part of the PDA seeds)."
            ],
            "type": "u64"
          },
          {
            "name": "params",
            "docs": [
              "Investor-facing parameters."
            ],
            "type": {
              "defined": {
                "name": "poolParams"
              }
            }
          },
          {
            "name": "policy",
            "docs": [
              "Financing policy."
            ],
            "type": {
              "defined": {
                "name": "poolPolicy"
              }
            }
          }
        ]
      }
    },
    {
      "name": "poolCreated",
      "docs": [
        "A pool was created."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "manager",
            "type": "pubkey"
          },
          {
            "name": "poolId",
            "type": "u64"
          },
          {
            "name": "usdcMint",
            "type": "pubkey"
          },
          {
            "name": "vault",
            "type": "pubkey"
          },
          {
            "name": "seniorMint",
            "type": "pubkey"
          },
          {
            "name": "juniorMint",
            "type": "pubkey"
          },
          {
            "name": "params",
            "type": {
              "defined": {
                "name": "poolParams"
              }
            }
          },
          {
            "name": "policy",
            "type": {
              "defined": {
                "name": "poolPolicy"
              }
            }
          }
        ]
      }
    },
    {
      "name": "poolCurrencyRemoved",
      "docs": [
        "A pool stopped accepting a currency."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "code",
            "type": {
              "array": [
                "u8",
                3
              ]
            }
          }
        ]
      }
    },
    {
      "name": "poolCurrencyUpdated",
      "docs": [
        "A pool accepts a currency (or changed its terms)."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "terms",
            "type": {
              "defined": {
                "name": "currencyTerms"
              }
            }
          }
        ]
      }
    },
    {
      "name": "poolLedger",
      "docs": [
        "The pool's money state."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "cashUsdc",
            "docs": [
              "USDC in the vault that belongs to NAV (excludes fees owed and",
              "anything sent to the vault outside the program)."
            ],
            "type": "u64"
          },
          {
            "name": "receivablesUsdc",
            "docs": [
              "Book value of financed invoices."
            ],
            "type": "u64"
          },
          {
            "name": "seniorClaimFp",
            "docs": [
              "Senior claim at `last_accrual_ts` in micro-USDC × `CLAIM_SCALE`:",
              "always `floor(senior_units_fp × senior_index_wad / WAD)`."
            ],
            "type": "u128"
          },
          {
            "name": "seniorIndexWad",
            "docs": [
              "Senior growth index at `last_accrual_ts` (WAD): `senior_index_floor`",
              "of the current rate period, a function of time only."
            ],
            "type": "u128"
          },
          {
            "name": "lastAccrualTs",
            "docs": [
              "Last time the ledger was accrued."
            ],
            "type": "i64"
          },
          {
            "name": "seniorUnitsFp",
            "docs": [
              "The senior claim in index units (micro-USDC × `CLAIM_SCALE` at index",
              "1): a deposit adds `amount / index`, a payout removes it."
            ],
            "type": "u128"
          },
          {
            "name": "seniorRateStartTs",
            "docs": [
              "Start of the current senior rate period (pool creation or the last",
              "change of the senior APR), rolled forward by whole years at each",
              "accrual (the index is unchanged by rolling; see `senior_index_rolled`)."
            ],
            "type": "i64"
          },
          {
            "name": "seniorRateBaseWad",
            "docs": [
              "Senior index at `senior_rate_start_ts` (WAD)."
            ],
            "type": "u128"
          },
          {
            "name": "protocolFeesOwedUsdc",
            "docs": [
              "Protocol fees held in the vault, owed to the treasury."
            ],
            "type": "u64"
          },
          {
            "name": "managerFeesOwedUsdc",
            "docs": [
              "Manager fees held in the vault, owed to the manager."
            ],
            "type": "u64"
          },
          {
            "name": "senior",
            "docs": [
              "Senior tranche counters."
            ],
            "type": {
              "defined": {
                "name": "trancheState"
              }
            }
          },
          {
            "name": "junior",
            "docs": [
              "Junior tranche counters."
            ],
            "type": {
              "defined": {
                "name": "trancheState"
              }
            }
          },
          {
            "name": "incomeRateScaled",
            "docs": [
              "Sum of the income accrual rates of accruing invoices",
              "(micro-USDC per second × `INCOME_SCALE`)."
            ],
            "type": "u128"
          },
          {
            "name": "accruedIncomeScaled",
            "docs": [
              "Income accrued by the running accruals since each started",
              "(micro-USDC × `INCOME_SCALE`); part of NAV, rounded down."
            ],
            "type": "u128"
          },
          {
            "name": "reservesOwedUsdc",
            "docs": [
              "Supplier reserves collected and held in the vault until settlement",
              "(outside NAV)."
            ],
            "type": "u64"
          },
          {
            "name": "payoutsOwedUsdc",
            "docs": [
              "Redemptions filled whose payout could not be delivered (frozen or",
              "closed USDC account): held in the vault, outside NAV, until the",
              "investor claims them (`withdrawal_claim`)."
            ],
            "type": "u64"
          },
          {
            "name": "openInvoices",
            "docs": [
              "Number of financed invoices not yet settled."
            ],
            "type": "u64"
          },
          {
            "name": "totalAdvancedUsdc",
            "docs": [
              "Cumulative advances paid."
            ],
            "type": "u64"
          },
          {
            "name": "totalCollectedUsdc",
            "docs": [
              "Cumulative USDC collected from invoice payers."
            ],
            "type": "u64"
          },
          {
            "name": "totalWrittenDownUsdc",
            "docs": [
              "Book value taken off invoices by write-downs, net of write-backs",
              "and of recoveries paid beyond the book (losses recognized): always",
              "the sum of every invoice's `written_down_usdc`, open or closed."
            ],
            "type": "u64"
          },
          {
            "name": "writeDownRateScaled",
            "docs": [
              "Sum of the write-down rates of invoices past their overdue time",
              "(micro-USDC per second × `INCOME_SCALE`): each falls linearly to zero",
              "at its write-off horizon."
            ],
            "type": "u128"
          },
          {
            "name": "accruedWriteDownScaled",
            "docs": [
              "Written down by the running write-downs since each started",
              "(micro-USDC × `INCOME_SCALE`); deducted from NAV, rounded up."
            ],
            "type": "u128"
          }
        ]
      }
    },
    {
      "name": "poolParams",
      "docs": [
        "Investor-facing pool parameters, set at creation and tunable by the manager."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "minJuniorRatioBps",
            "docs": [
              "Junior value / NAV must stay at or above this (bps). Senior deposits",
              "and junior withdrawals that would break it are refused."
            ],
            "type": "u16"
          },
          {
            "name": "seniorAprBps",
            "docs": [
              "Fixed target APR of the senior tranche (bps)."
            ],
            "type": "u16"
          },
          {
            "name": "managerFeeBps",
            "docs": [
              "Manager fee, bps of income."
            ],
            "type": "u16"
          },
          {
            "name": "liquidityCapUsdc",
            "docs": [
              "Deposits are refused once NAV would exceed this (micro-USDC)."
            ],
            "type": "u64"
          },
          {
            "name": "maxInvestorShareBps",
            "docs": [
              "An investor's holding of one tranche, valued at the current price,",
              "may not exceed this share of the liquidity cap (bps)."
            ],
            "type": "u16"
          },
          {
            "name": "minHoldSecs",
            "docs": [
              "Holding period (seconds, 0..=[`MAX_MIN_HOLD_SECS`]): after each",
              "deposit the investor's position can be neither redeemed nor moved",
              "for this long, and the deposit does not count towards the NAV and",
              "cash that financing limits are measured against (for one to two",
              "such windows). 0 disables both."
            ],
            "type": "u32"
          }
        ]
      }
    },
    {
      "name": "poolPauseSet",
      "docs": [
        "A pool was paused or unpaused."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "paused",
            "type": "bool"
          }
        ]
      }
    },
    {
      "name": "poolPolicy",
      "docs": [
        "The financing policy the autopilot checks before buying an invoice."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "grades",
            "docs": [
              "Grades A..D, best first; a score maps to the first grade whose",
              "`min_credit_score` it reaches."
            ],
            "type": {
              "array": [
                {
                  "defined": {
                    "name": "gradeTerms"
                  }
                },
                4
              ]
            }
          },
          {
            "name": "minTenorDays",
            "docs": [
              "Shortest accepted tenor (days from financing to due date)."
            ],
            "type": "u16"
          },
          {
            "name": "maxTenorDays",
            "docs": [
              "Longest accepted tenor."
            ],
            "type": "u16"
          },
          {
            "name": "maxInvoiceUsdc",
            "docs": [
              "Largest face value (in USD micro-units) of a single invoice."
            ],
            "type": "u64"
          },
          {
            "name": "maxBuyerConcentrationBps",
            "docs": [
              "Exposure to one buyer, as a share of NAV (bps)."
            ],
            "type": "u16"
          },
          {
            "name": "maxSupplierConcentrationBps",
            "docs": [
              "Exposure to one supplier, as a share of NAV (bps)."
            ],
            "type": "u16"
          },
          {
            "name": "cashReserveBps",
            "docs": [
              "Cash that must remain in the vault after a financing, share of NAV (bps)."
            ],
            "type": "u16"
          },
          {
            "name": "graceDays",
            "docs": [
              "Days after the due date before an invoice may be marked Late. Fixed",
              "in each invoice at financing (`Invoice::late_after_ts`)."
            ],
            "type": "u16"
          },
          {
            "name": "writeoffDays",
            "docs": [
              "Days after the due date at which a past-due invoice is fully written",
              "off (1..=[`MAX_WRITEOFF_DAYS`]). Fixed in each invoice at financing",
              "(`Invoice::writeoff_ts`)."
            ],
            "type": "u16"
          },
          {
            "name": "recoveryDays",
            "docs": [
              "Days after the write-off horizon during which a defaulted invoice",
              "still takes recoveries; from then anyone may close it",
              "(`invoice_close_defaulted`). 1..=[`MAX_RECOVERY_DAYS`]; fixed in each",
              "invoice at financing (`Invoice::close_after_ts`)."
            ],
            "type": "u16"
          },
          {
            "name": "credit",
            "docs": [
              "Terms on buyers' repayment history ([`CreditPolicy::OFF`]: none)."
            ],
            "type": {
              "defined": {
                "name": "creditPolicy"
              }
            }
          }
        ]
      }
    },
    {
      "name": "poolRefreshed",
      "docs": [
        "The senior claim was accrued (keeper refresh)."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "accruedToSeniorUsdc",
            "type": "u64"
          },
          {
            "name": "snapshot",
            "type": {
              "defined": {
                "name": "poolSnapshot"
              }
            }
          },
          {
            "name": "ts",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "poolRiskChangeApplied",
      "docs": [
        "An announced risk change took effect (senior claim accrued at the old APR first)."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "minJuniorRatioBps",
            "type": "u16"
          },
          {
            "name": "seniorAprBps",
            "type": "u16"
          },
          {
            "name": "minHoldSecs",
            "type": "u32"
          },
          {
            "name": "ts",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "poolRiskChangeCancelled",
      "docs": [
        "`pool_update_config` withdrew an announced risk change before it applied."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "ts",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "poolRiskChangeScheduled",
      "docs": [
        "`pool_update_config` announced a change of the minimum junior ratio or",
        "the senior APR; it applies at `effective_ts` (F-07: no retroactive move",
        "of value between the tranches without notice)."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "minJuniorRatioBps",
            "type": "u16"
          },
          {
            "name": "seniorAprBps",
            "type": "u16"
          },
          {
            "name": "minHoldSecs",
            "type": "u32"
          },
          {
            "name": "effectiveTs",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "poolSnapshot",
      "docs": [
        "Snapshot of a pool's money state after a change."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "navUsdc",
            "type": "u64"
          },
          {
            "name": "cashUsdc",
            "type": "u64"
          },
          {
            "name": "seniorValueUsdc",
            "type": "u64"
          },
          {
            "name": "juniorValueUsdc",
            "type": "u64"
          },
          {
            "name": "seniorSupply",
            "type": "u64"
          },
          {
            "name": "juniorSupply",
            "type": "u64"
          },
          {
            "name": "seniorPrice",
            "docs": [
              "Micro-USDC per whole senior share, rounded down."
            ],
            "type": "u64"
          },
          {
            "name": "juniorPrice",
            "docs": [
              "Micro-USDC per whole junior share, rounded down."
            ],
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "poolUpdateConfigArgs",
      "docs": [
        "Arguments of `pool_update_config`."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "params",
            "docs": [
              "New parameters."
            ],
            "type": {
              "defined": {
                "name": "poolParams"
              }
            }
          },
          {
            "name": "policy",
            "docs": [
              "New policy."
            ],
            "type": {
              "defined": {
                "name": "poolPolicy"
              }
            }
          }
        ]
      }
    },
    {
      "name": "poolVerifier",
      "docs": [
        "A verifier registered by the manager for a pool, PDA",
        "`[\"pool_verifier\", pool, verifier]`."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "docs": [
              "The pool."
            ],
            "type": "pubkey"
          },
          {
            "name": "verifier",
            "docs": [
              "The verifier's wallet."
            ],
            "type": "pubkey"
          },
          {
            "name": "addedTs",
            "docs": [
              "When it was added."
            ],
            "type": "i64"
          },
          {
            "name": "attestations",
            "docs": [
              "Attestations made."
            ],
            "type": "u64"
          },
          {
            "name": "bump",
            "docs": [
              "PDA bump."
            ],
            "type": "u8"
          }
        ]
      }
    },
    {
      "name": "poolVerifierAdded",
      "docs": [
        "The manager registered a verifier for a pool."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "verifier",
            "type": "pubkey"
          }
        ]
      }
    },
    {
      "name": "poolVerifierRemoved",
      "docs": [
        "The manager removed a verifier from a pool."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "verifier",
            "type": "pubkey"
          }
        ]
      }
    },
    {
      "name": "pricing",
      "docs": [
        "The price of one invoice, in micro-USDC."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "faceUsdc",
            "docs": [
              "Face value in micro-USDC."
            ],
            "type": "u64"
          },
          {
            "name": "advanceUsdc",
            "docs": [
              "Paid to the supplier now."
            ],
            "type": "u64"
          },
          {
            "name": "discountUsdc",
            "docs": [
              "The pool's gross income."
            ],
            "type": "u64"
          },
          {
            "name": "protocolFeeUsdc",
            "docs": [
              "Protocol fee out of the discount."
            ],
            "type": "u64"
          },
          {
            "name": "managerFeeUsdc",
            "docs": [
              "Manager fee out of the discount."
            ],
            "type": "u64"
          },
          {
            "name": "reserveUsdc",
            "docs": [
              "Held back and released to the supplier when the invoice is paid in full."
            ],
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "protocolConfig",
      "docs": [
        "Global configuration, PDA `[\"protocol\"]`. Created once by the deploying",
        "admin; every other instruction reads its `paused` flag."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "admin",
            "docs": [
              "The protocol admin: sets fees and treasury, registers identity",
              "issuers, pauses the protocol."
            ],
            "type": "pubkey"
          },
          {
            "name": "pendingAdmin",
            "docs": [
              "Proposed new admin awaiting acceptance (two-step transfer);",
              "`Pubkey::default()` when none is pending."
            ],
            "type": "pubkey"
          },
          {
            "name": "treasury",
            "docs": [
              "Wallet that receives protocol fees."
            ],
            "type": "pubkey"
          },
          {
            "name": "usdcMint",
            "docs": [
              "The USDC mint every pool must use."
            ],
            "type": "pubkey"
          },
          {
            "name": "protocolFeeBps",
            "docs": [
              "Protocol fee in bps of pool income."
            ],
            "type": "u16"
          },
          {
            "name": "paused",
            "docs": [
              "When true every state-changing instruction except the admin's own is",
              "refused with `ProtocolPaused`."
            ],
            "type": "bool"
          },
          {
            "name": "bump",
            "docs": [
              "PDA bump."
            ],
            "type": "u8"
          },
          {
            "name": "issuerCount",
            "docs": [
              "Number of identity issuers ever registered."
            ],
            "type": "u32"
          },
          {
            "name": "poolCount",
            "docs": [
              "Number of pools ever created."
            ],
            "type": "u64"
          },
          {
            "name": "usdcUsdFeedId",
            "docs": [
              "Pyth feed id of USDC/USD; all zero disables the depeg guard."
            ],
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "minUsdcPriceBps",
            "docs": [
              "New financing is refused while USDC/USD is below this (bps of $1)."
            ],
            "type": "u16"
          },
          {
            "name": "usdcMaxAgeSecs",
            "docs": [
              "Maximum age of the USDC/USD price (seconds)."
            ],
            "type": "u32"
          },
          {
            "name": "reserved",
            "docs": [
              "Space kept for future fields (zeroed)."
            ],
            "type": {
              "array": [
                "u8",
                128
              ]
            }
          }
        ]
      }
    },
    {
      "name": "protocolFeeUpdated",
      "docs": [
        "The protocol fee or treasury changed."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "protocolFeeBps",
            "type": "u16"
          },
          {
            "name": "treasury",
            "type": "pubkey"
          }
        ]
      }
    },
    {
      "name": "protocolInitializeArgs",
      "docs": [
        "Arguments of `protocol_initialize`."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "treasury",
            "docs": [
              "Wallet that receives protocol fees."
            ],
            "type": "pubkey"
          },
          {
            "name": "protocolFeeBps",
            "docs": [
              "Protocol fee in bps of pool income, at most `MAX_PROTOCOL_FEE_BPS`."
            ],
            "type": "u16"
          }
        ]
      }
    },
    {
      "name": "protocolInitialized",
      "docs": [
        "The protocol configuration was created."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "admin",
            "type": "pubkey"
          },
          {
            "name": "treasury",
            "type": "pubkey"
          },
          {
            "name": "usdcMint",
            "type": "pubkey"
          },
          {
            "name": "protocolFeeBps",
            "type": "u16"
          }
        ]
      }
    },
    {
      "name": "protocolPauseSet",
      "docs": [
        "The protocol was paused or unpaused."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "paused",
            "type": "bool"
          },
          {
            "name": "admin",
            "type": "pubkey"
          }
        ]
      }
    },
    {
      "name": "protocolUpdateArgs",
      "docs": [
        "Arguments of `protocol_update`."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "protocolFeeBps",
            "docs": [
              "New protocol fee (bps of income)."
            ],
            "type": "u16"
          },
          {
            "name": "treasury",
            "docs": [
              "New treasury wallet."
            ],
            "type": "pubkey"
          }
        ]
      }
    },
    {
      "name": "quoteDirection",
      "docs": [
        "How a Pyth feed quotes a currency against the US dollar (take it from",
        "the feed's attributes, not from its name)."
      ],
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "ccyUsd"
          },
          {
            "name": "usdCcy"
          }
        ]
      }
    },
    {
      "name": "recentDeposits",
      "docs": [
        "Deposits booked within the last holding window, in two buckets of",
        "`min_hold_secs` each. A deposit counts as recent for at least one and",
        "less than two windows after it was booked."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "bucketStartTs",
            "docs": [
              "Start of the current bucket."
            ],
            "type": "i64"
          },
          {
            "name": "currentUsdc",
            "docs": [
              "USDC deposited (both tranches) since `bucket_start_ts`."
            ],
            "type": "u64"
          },
          {
            "name": "previousUsdc",
            "docs": [
              "USDC deposited in the bucket before the current one."
            ],
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "registryEntry",
      "docs": [
        "Global registry entry of a document hash, PDA `[\"document\", hash]`. Its",
        "existence blocks a second origination of the same document in any pool.",
        "Closed only when the invoice is cancelled before financing."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "invoice",
            "docs": [
              "The invoice originated from it."
            ],
            "type": "pubkey"
          },
          {
            "name": "supplier",
            "docs": [
              "The supplier who originated it."
            ],
            "type": "pubkey"
          },
          {
            "name": "createdTs",
            "docs": [
              "When."
            ],
            "type": "i64"
          },
          {
            "name": "bump",
            "docs": [
              "PDA bump."
            ],
            "type": "u8"
          }
        ]
      }
    },
    {
      "name": "supplierRecordChange",
      "docs": [
        "What moved a supplier's record ([`SupplierRecordUpdated`])."
      ],
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "created"
          },
          {
            "name": "disputed"
          },
          {
            "name": "cancelled"
          },
          {
            "name": "cancelledAfterAcknowledgement"
          },
          {
            "name": "financed"
          }
        ]
      }
    },
    {
      "name": "supplierRecordUpdated",
      "docs": [
        "A supplier entity's record changed (`SupplierReputation`, PDA",
        "`[\"supplier_reputation\", supplier_entity]`): the change, the invoice,",
        "and the record's figures after it."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "supplierEntity",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "invoice",
            "type": "pubkey"
          },
          {
            "name": "change",
            "type": {
              "defined": {
                "name": "supplierRecordChange"
              }
            }
          },
          {
            "name": "createdCount",
            "type": "u32"
          },
          {
            "name": "disputedCount",
            "type": "u32"
          },
          {
            "name": "cancelledCount",
            "type": "u32"
          },
          {
            "name": "cancelledAcknowledgedCount",
            "type": "u32"
          },
          {
            "name": "financedCount",
            "type": "u32"
          },
          {
            "name": "financedVolumeUsdc",
            "type": "u64"
          },
          {
            "name": "ts",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "supplierReputation",
      "docs": [
        "A supplier's origination record, PDA `[\"supplier_reputation\",",
        "supplier_entity]`: one per legal entity, shared by all its wallets (as",
        "[`BuyerReputation`] is), so a second wallet of a supplier starts with",
        "the entity's history. Created by the supplier's first `invoice_create`",
        "(the supplier pays its rent); counted by `invoice_create`,",
        "`invoice_dispute`, `invoice_cancel` and `invoice_finance`, each with a",
        "`SupplierRecordUpdated` event. Read by the credit policy",
        "([`crate::state::CreditPolicy`])."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "supplierEntity",
            "docs": [
              "The supplier's legal-entity key (`IdentityRecord::entity_key`)."
            ],
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "createdCount",
            "docs": [
              "Invoices originated."
            ],
            "type": "u32"
          },
          {
            "name": "disputedCount",
            "docs": [
              "Invoices the buyer disputed."
            ],
            "type": "u32"
          },
          {
            "name": "cancelledCount",
            "docs": [
              "Invoices the supplier cancelled (any status before financing)."
            ],
            "type": "u32"
          },
          {
            "name": "cancelledAcknowledgedCount",
            "docs": [
              "Of those, invoices the buyer had acknowledged (Acknowledged or",
              "Verified when cancelled). A disputed invoice cancelled is counted",
              "as disputed only."
            ],
            "type": "u32"
          },
          {
            "name": "financedCount",
            "docs": [
              "Invoices financed by a pool."
            ],
            "type": "u32"
          },
          {
            "name": "financedVolumeUsdc",
            "docs": [
              "Their face volume in micro-USDC at financing (a non-USD invoice at",
              "the rate the pool bought it at)."
            ],
            "type": "u64"
          },
          {
            "name": "bump",
            "docs": [
              "PDA bump."
            ],
            "type": "u8"
          }
        ]
      }
    },
    {
      "name": "supplierTier",
      "docs": [
        "A supplier's history tier at financing."
      ],
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "standard"
          },
          {
            "name": "watch"
          }
        ]
      }
    },
    {
      "name": "tranche",
      "docs": [
        "The two tranches of a pool."
      ],
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "senior"
          },
          {
            "name": "junior"
          }
        ]
      }
    },
    {
      "name": "trancheAccountFrozen",
      "docs": [
        "A tranche token account was frozen because its owner's identity lapsed."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "tranche",
            "type": {
              "defined": {
                "name": "tranche"
              }
            }
          },
          {
            "name": "tokenAccount",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          }
        ]
      }
    },
    {
      "name": "trancheAccountThawed",
      "docs": [
        "A tranche token account was thawed for a verified investor."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "tranche",
            "type": {
              "defined": {
                "name": "tranche"
              }
            }
          },
          {
            "name": "tokenAccount",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          }
        ]
      }
    },
    {
      "name": "trancheDepositArgs",
      "docs": [
        "Arguments of `tranche_deposit`."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "tranche",
            "docs": [
              "Tranche to deposit into."
            ],
            "type": {
              "defined": {
                "name": "tranche"
              }
            }
          },
          {
            "name": "amountUsdc",
            "docs": [
              "USDC to deposit (micro-USDC)."
            ],
            "type": "u64"
          },
          {
            "name": "minSharesOut",
            "docs": [
              "Refuse if fewer shares would be minted (slippage guard)."
            ],
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "trancheState",
      "docs": [
        "Share and queue counters of one tranche."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "sharesOutstanding",
            "docs": [
              "Shares held by investors (equals the mint's supply once share",
              "tokens burned outside the program are reconciled, see",
              "[`PoolLedger::reconcile_supply`])."
            ],
            "type": "u64"
          },
          {
            "name": "sharesLocked",
            "docs": [
              "Shares locked at the first deposit (never minted as tokens)."
            ],
            "type": "u64"
          },
          {
            "name": "sharesPending",
            "docs": [
              "Shares burned from investors into queued withdrawal requests and not",
              "yet paid; they keep their claim on the tranche until filled."
            ],
            "type": "u64"
          },
          {
            "name": "queueHead",
            "docs": [
              "Sequence number of the oldest request still in the queue."
            ],
            "type": "u64"
          },
          {
            "name": "queueTail",
            "docs": [
              "Sequence number the next queued request gets."
            ],
            "type": "u64"
          },
          {
            "name": "totalDepositedUsdc",
            "docs": [
              "Cumulative USDC deposited."
            ],
            "type": "u64"
          },
          {
            "name": "totalWithdrawnUsdc",
            "docs": [
              "Cumulative USDC paid out to redeeming investors."
            ],
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "trancheWithdrawArgs",
      "docs": [
        "Arguments of `tranche_withdraw`."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "tranche",
            "docs": [
              "Tranche to redeem from."
            ],
            "type": {
              "defined": {
                "name": "tranche"
              }
            }
          },
          {
            "name": "shares",
            "docs": [
              "Shares to redeem."
            ],
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "usdcGuardArgs",
      "docs": [
        "Arguments of `protocol_set_usdc_guard`."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "feedId",
            "docs": [
              "Pyth feed id of USDC/USD (all zero: guard off)."
            ],
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "minPriceBps",
            "docs": [
              "Floor in bps of one dollar (e.g. 9_900 = $0.99)."
            ],
            "type": "u16"
          },
          {
            "name": "maxAgeSecs",
            "docs": [
              "Maximum price age in seconds."
            ],
            "type": "u32"
          }
        ]
      }
    },
    {
      "name": "usdcGuardSet",
      "docs": [
        "The USDC/USD depeg guard changed."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "feedId",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "minPriceBps",
            "type": "u16"
          },
          {
            "name": "maxAgeSecs",
            "type": "u32"
          }
        ]
      }
    },
    {
      "name": "withdrawalCancelled",
      "docs": [
        "The investor cancelled a queued request; unpaid shares were returned."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "investor",
            "type": "pubkey"
          },
          {
            "name": "request",
            "type": "pubkey"
          },
          {
            "name": "tranche",
            "type": {
              "defined": {
                "name": "tranche"
              }
            }
          },
          {
            "name": "sequence",
            "type": "u64"
          },
          {
            "name": "sharesReturned",
            "type": "u64"
          },
          {
            "name": "ts",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "withdrawalClaimed",
      "docs": [
        "The investor claimed an undelivered payout."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "investor",
            "type": "pubkey"
          },
          {
            "name": "request",
            "type": "pubkey"
          },
          {
            "name": "tranche",
            "type": {
              "defined": {
                "name": "tranche"
              }
            }
          },
          {
            "name": "sequence",
            "type": "u64"
          },
          {
            "name": "amountUsdc",
            "type": "u64"
          },
          {
            "name": "destination",
            "docs": [
              "USDC account it was paid to."
            ],
            "type": "pubkey"
          },
          {
            "name": "closed",
            "docs": [
              "Whether the request was closed (all its shares were paid)."
            ],
            "type": "bool"
          },
          {
            "name": "ts",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "withdrawalFilled",
      "docs": [
        "A keeper filled (part of) the request at the head of a queue."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "investor",
            "type": "pubkey"
          },
          {
            "name": "request",
            "type": "pubkey"
          },
          {
            "name": "tranche",
            "type": {
              "defined": {
                "name": "tranche"
              }
            }
          },
          {
            "name": "sequence",
            "type": "u64"
          },
          {
            "name": "shares",
            "type": "u64"
          },
          {
            "name": "amountUsdc",
            "type": "u64"
          },
          {
            "name": "sharesRemaining",
            "type": "u64"
          },
          {
            "name": "keeper",
            "type": "pubkey"
          },
          {
            "name": "snapshot",
            "type": {
              "defined": {
                "name": "poolSnapshot"
              }
            }
          },
          {
            "name": "ts",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "withdrawalPayoutOwed",
      "docs": [
        "A filled redemption could not be delivered (the investor's USDC account",
        "is frozen, closed or not theirs): the USDC is held in the vault for the",
        "investor and the queue moved on (F-08)."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "investor",
            "type": "pubkey"
          },
          {
            "name": "request",
            "type": "pubkey"
          },
          {
            "name": "tranche",
            "type": {
              "defined": {
                "name": "tranche"
              }
            }
          },
          {
            "name": "sequence",
            "type": "u64"
          },
          {
            "name": "amountUsdc",
            "docs": [
              "Owed by this fill."
            ],
            "type": "u64"
          },
          {
            "name": "usdcClaimable",
            "docs": [
              "Owed on the request in total."
            ],
            "type": "u64"
          },
          {
            "name": "ts",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "withdrawalQueued",
      "docs": [
        "A withdrawal was queued for lack of cash (or behind earlier requests)."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "investor",
            "type": "pubkey"
          },
          {
            "name": "request",
            "type": "pubkey"
          },
          {
            "name": "tranche",
            "type": {
              "defined": {
                "name": "tranche"
              }
            }
          },
          {
            "name": "sequence",
            "type": "u64"
          },
          {
            "name": "shares",
            "type": "u64"
          },
          {
            "name": "ts",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "withdrawalRequest",
      "docs": [
        "A withdrawal waiting for cash, PDA",
        "`[\"withdrawal\", pool, tranche seed, sequence LE]`. Its shares were",
        "burned from the investor when it was queued and are counted in the",
        "tranche's `shares_pending`; keepers fill it at the price current when",
        "cash arrives, in FIFO order; the investor may cancel it at any time",
        "unless it holds an undelivered payout (claim that first)."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "docs": [
              "The pool."
            ],
            "type": "pubkey"
          },
          {
            "name": "investor",
            "docs": [
              "The investor who queued it (receives the rent back)."
            ],
            "type": "pubkey"
          },
          {
            "name": "payoutTokenAccount",
            "docs": [
              "USDC token account the payout goes to."
            ],
            "type": "pubkey"
          },
          {
            "name": "tranche",
            "docs": [
              "Tranche being redeemed."
            ],
            "type": {
              "defined": {
                "name": "tranche"
              }
            }
          },
          {
            "name": "sequence",
            "docs": [
              "Position in the tranche's queue."
            ],
            "type": "u64"
          },
          {
            "name": "sharesRequested",
            "docs": [
              "Shares queued."
            ],
            "type": "u64"
          },
          {
            "name": "sharesRemaining",
            "docs": [
              "Shares not yet paid."
            ],
            "type": "u64"
          },
          {
            "name": "usdcPaid",
            "docs": [
              "USDC paid so far (partial fills), delivered or owed."
            ],
            "type": "u64"
          },
          {
            "name": "usdcClaimable",
            "docs": [
              "USDC filled but not delivered because the investor's USDC account",
              "could not receive it (frozen, closed, not a USDC account of the",
              "investor): owed to the investor, who claims it with",
              "`withdrawal_claim`. The request stays open (outside the queue once",
              "all its shares are paid) until then."
            ],
            "type": "u64"
          },
          {
            "name": "requestedTs",
            "docs": [
              "When it was queued."
            ],
            "type": "i64"
          },
          {
            "name": "bump",
            "docs": [
              "PDA bump."
            ],
            "type": "u8"
          }
        ]
      }
    },
    {
      "name": "withdrawalSkipped",
      "docs": [
        "A keeper moved the queue head past a request that had been cancelled."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "tranche",
            "type": {
              "defined": {
                "name": "tranche"
              }
            }
          },
          {
            "name": "sequence",
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "withdrawn",
      "docs": [
        "Shares redeemed and paid immediately."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "pool",
            "type": "pubkey"
          },
          {
            "name": "investor",
            "type": "pubkey"
          },
          {
            "name": "tranche",
            "type": {
              "defined": {
                "name": "tranche"
              }
            }
          },
          {
            "name": "shares",
            "type": "u64"
          },
          {
            "name": "amountUsdc",
            "type": "u64"
          },
          {
            "name": "snapshot",
            "type": {
              "defined": {
                "name": "poolSnapshot"
              }
            }
          },
          {
            "name": "ts",
            "type": "i64"
          }
        ]
      }
    }
  ],
  "constants": [
    {
      "name": "assetAuthoritySeed",
      "docs": [
        "`[\"asset_authority\"]` — update authority of every invoice asset and holder",
        "of its permanent freeze, transfer and burn delegations."
      ],
      "type": "bytes",
      "value": "[97, 115, 115, 101, 116, 95, 97, 117, 116, 104, 111, 114, 105, 116, 121]"
    },
    {
      "name": "buyerReputationSeed",
      "docs": [
        "`[\"buyer_reputation\", buyer_entity]` — a buyer entity's on-chain repayment record."
      ],
      "type": "bytes",
      "value": "[98, 117, 121, 101, 114, 95, 114, 101, 112, 117, 116, 97, 116, 105, 111, 110]"
    },
    {
      "name": "calendarSeed",
      "docs": [
        "`[\"calendar\", pool]` — the pool's [`crate::state::PoolCalendar`] of",
        "invoice deadlines (per-day counts)."
      ],
      "type": "bytes",
      "value": "[99, 97, 108, 101, 110, 100, 97, 114]"
    },
    {
      "name": "currencySeed",
      "docs": [
        "`[\"currency\", pool, code]` — a currency a pool accepts."
      ],
      "type": "bytes",
      "value": "[99, 117, 114, 114, 101, 110, 99, 121]"
    },
    {
      "name": "documentSeed",
      "docs": [
        "`[\"document\", sha256]` — global registry entry of an invoice document."
      ],
      "type": "bytes",
      "value": "[100, 111, 99, 117, 109, 101, 110, 116]"
    },
    {
      "name": "exposureSeed",
      "docs": [
        "`[\"exposure\", pool, kind, entity key]` — a pool's outstanding claim on one",
        "buyer (kind [`EXPOSURE_BUYER`]) or supplier (kind [`EXPOSURE_SUPPLIER`])",
        "legal entity, shared by all of the entity's wallets."
      ],
      "type": "bytes",
      "value": "[101, 120, 112, 111, 115, 117, 114, 101]"
    },
    {
      "name": "identitySeed",
      "docs": [
        "`[\"identity\", wallet]` — the [`crate::state::IdentityRecord`] of a wallet."
      ],
      "type": "bytes",
      "value": "[105, 100, 101, 110, 116, 105, 116, 121]"
    },
    {
      "name": "invoiceNumberSeed",
      "docs": [
        "`[\"invoice_number\", supplier entity key, sha256(canonical invoice number)]`",
        "— global registry entry of a supplier legal entity's invoice number",
        "(rules in [`crate::canonical`])."
      ],
      "type": "bytes",
      "value": "[105, 110, 118, 111, 105, 99, 101, 95, 110, 117, 109, 98, 101, 114]"
    },
    {
      "name": "invoiceSeed",
      "docs": [
        "`[\"invoice\", asset]` — an [`crate::state::Invoice`], keyed by its Core asset."
      ],
      "type": "bytes",
      "value": "[105, 110, 118, 111, 105, 99, 101]"
    },
    {
      "name": "issuerSeed",
      "docs": [
        "`[\"issuer\", authority]` — an [`crate::state::IdentityIssuer`]."
      ],
      "type": "bytes",
      "value": "[105, 115, 115, 117, 101, 114]"
    },
    {
      "name": "juniorMintSeed",
      "docs": [
        "`[\"junior_mint\", pool]` — the junior tranche share mint (Token-2022)."
      ],
      "type": "bytes",
      "value": "[106, 117, 110, 105, 111, 114, 95, 109, 105, 110, 116]"
    },
    {
      "name": "poolSeed",
      "docs": [
        "`[\"pool\", manager, pool_id (u64 LE)]` — a [`crate::state::Pool`]."
      ],
      "type": "bytes",
      "value": "[112, 111, 111, 108]"
    },
    {
      "name": "poolVerifierSeed",
      "docs": [
        "`[\"pool_verifier\", pool, verifier]` — a verifier registered for a pool."
      ],
      "type": "bytes",
      "value": "[112, 111, 111, 108, 95, 118, 101, 114, 105, 102, 105, 101, 114]"
    },
    {
      "name": "positionSeed",
      "docs": [
        "`[\"position\", pool, tranche (u8), owner]` — an investor's",
        "[`crate::state::Position`] in one tranche (its holding period)."
      ],
      "type": "bytes",
      "value": "[112, 111, 115, 105, 116, 105, 111, 110]"
    },
    {
      "name": "protocolSeed",
      "docs": [
        "`[\"protocol\"]` — the singleton [`crate::state::ProtocolConfig`]."
      ],
      "type": "bytes",
      "value": "[112, 114, 111, 116, 111, 99, 111, 108]"
    },
    {
      "name": "seniorMintSeed",
      "docs": [
        "`[\"senior_mint\", pool]` — the senior tranche share mint (Token-2022)."
      ],
      "type": "bytes",
      "value": "[115, 101, 110, 105, 111, 114, 95, 109, 105, 110, 116]"
    },
    {
      "name": "supplierReputationSeed",
      "docs": [
        "`[\"supplier_reputation\", supplier_entity]` — a supplier entity's record",
        "of invoices created, disputed, cancelled and financed."
      ],
      "type": "bytes",
      "value": "[115, 117, 112, 112, 108, 105, 101, 114, 95, 114, 101, 112, 117, 116, 97, 116, 105, 111, 110]"
    },
    {
      "name": "vaultSeed",
      "docs": [
        "`[\"vault\", pool]` — the pool's USDC token account (authority: the pool PDA)."
      ],
      "type": "bytes",
      "value": "[118, 97, 117, 108, 116]"
    },
    {
      "name": "withdrawalSeed",
      "docs": [
        "`[\"withdrawal\", pool, tranche (u8), sequence (u64 LE)]` — a queued",
        "[`crate::state::WithdrawalRequest`]."
      ],
      "type": "bytes",
      "value": "[119, 105, 116, 104, 100, 114, 97, 119, 97, 108]"
    }
  ]
};
