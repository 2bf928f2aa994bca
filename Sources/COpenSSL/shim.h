#ifndef LEAKLEDGER_COPENSSL_SHIM_H
#define LEAKLEDGER_COPENSSL_SHIM_H

#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/rand.h>
#include <openssl/err.h>
#include <openssl/crypto.h>
#include <openssl/x509.h>

#endif
