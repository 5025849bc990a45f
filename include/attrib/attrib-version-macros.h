/* attrib-version-macros.h: symbol availability and deprecation
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__ATTRIB_INSIDE__) && !defined(ATTRIB_COMPILATION)
# error "Only <attrib/attrib.h> can be included directly."
#endif

#include <glib.h>

#include <attrib/attrib-version.h>

/* The export attribute lives here, not in the build system, so that a
 * symbol without an ATTRIB_AVAILABLE_IN_* marker stays hidden
 * (the library is built with -fvisibility=hidden). */
#ifndef _ATTRIB_EXTERN
# if defined(_WIN32) && defined(ATTRIB_COMPILATION)
#  define _ATTRIB_EXTERN __declspec(dllexport) extern
# elif defined(__GNUC__)
#  define _ATTRIB_EXTERN __attribute__((visibility("default"))) extern
# else
#  define _ATTRIB_EXTERN extern
# endif
#endif

/**
 * ATTRIB_DEPRECATED:
 *
 * Marks a symbol as deprecated; using it warns at compile time unless
 * `ATTRIB_DISABLE_DEPRECATION_WARNINGS` is defined.
 */

/**
 * ATTRIB_DEPRECATED_FOR:
 * @f: the replacement
 *
 * Marks a symbol as deprecated in favour of @f.
 */

/**
 * ATTRIB_UNAVAILABLE:
 * @maj: the major version that introduced the symbol
 * @min: the minor version that introduced the symbol
 *
 * Marks a symbol as unavailable below %ATTRIB_VERSION_MAX_ALLOWED.
 */
#ifdef ATTRIB_DISABLE_DEPRECATION_WARNINGS
# define ATTRIB_DEPRECATED _ATTRIB_EXTERN
# define ATTRIB_DEPRECATED_FOR(f) _ATTRIB_EXTERN
# define ATTRIB_UNAVAILABLE(maj,min) _ATTRIB_EXTERN
#else
# define ATTRIB_DEPRECATED G_DEPRECATED _ATTRIB_EXTERN
# define ATTRIB_DEPRECATED_FOR(f) G_DEPRECATED_FOR(f) _ATTRIB_EXTERN
# define ATTRIB_UNAVAILABLE(maj,min) G_UNAVAILABLE(maj,min) _ATTRIB_EXTERN
#endif

/**
 * ATTRIB_VERSION_1_0:
 *
 * The encoded representation of API version 1.0.
 *
 * The 0.x releases are previews of the 1.0 API: everything they export is
 * marked as available in 1.0 and is covered by the ABI promise from the
 * first 1.0 release on (see [ABI and versioning](abi.html)).
 */
#define ATTRIB_VERSION_1_0 (G_ENCODE_VERSION (1, 0))

/* The stable version the current headers belong to. */
#define ATTRIB_VERSION_CUR_STABLE ATTRIB_VERSION_1_0
#define ATTRIB_VERSION_PREV_STABLE ATTRIB_VERSION_1_0

/**
 * ATTRIB_VERSION_MIN_REQUIRED:
 *
 * Define before including `attrib/attrib.h` to one of the
 * `ATTRIB_VERSION_*` macros: the oldest API the program wants to run on.
 * API deprecated after that version does not warn.
 */
#ifndef ATTRIB_VERSION_MIN_REQUIRED
# define ATTRIB_VERSION_MIN_REQUIRED (ATTRIB_VERSION_CUR_STABLE)
#endif

/**
 * ATTRIB_VERSION_MAX_ALLOWED:
 *
 * Define before including `attrib/attrib.h` to one of the
 * `ATTRIB_VERSION_*` macros: using API introduced after that version
 * then warns at compile time.
 */
#ifndef ATTRIB_VERSION_MAX_ALLOWED
# if ATTRIB_VERSION_MIN_REQUIRED > ATTRIB_VERSION_PREV_STABLE
#  define ATTRIB_VERSION_MAX_ALLOWED (ATTRIB_VERSION_MIN_REQUIRED)
# else
#  define ATTRIB_VERSION_MAX_ALLOWED (ATTRIB_VERSION_CUR_STABLE)
# endif
#endif

#if ATTRIB_VERSION_MAX_ALLOWED < ATTRIB_VERSION_MIN_REQUIRED
# error "ATTRIB_VERSION_MAX_ALLOWED must be >= ATTRIB_VERSION_MIN_REQUIRED"
#endif
#if ATTRIB_VERSION_MIN_REQUIRED < ATTRIB_VERSION_1_0
# error "ATTRIB_VERSION_MIN_REQUIRED must be >= ATTRIB_VERSION_1_0"
#endif

/**
 * ATTRIB_AVAILABLE_IN_ALL:
 *
 * Marks a symbol that has been available in every version of the API
 * (the generated enumeration types).
 */
#define ATTRIB_AVAILABLE_IN_ALL _ATTRIB_EXTERN

/**
 * ATTRIB_DEPRECATED_IN_1_0:
 *
 * Marks a symbol as deprecated in version 1.0.
 */

/**
 * ATTRIB_DEPRECATED_IN_1_0_FOR:
 * @f: the replacement
 *
 * Marks a symbol as deprecated in version 1.0 in favour of @f.
 */

/**
 * ATTRIB_AVAILABLE_IN_1_0:
 *
 * Marks a symbol as available since version 1.0.
 */
#if ATTRIB_VERSION_MIN_REQUIRED >= ATTRIB_VERSION_1_0
# define ATTRIB_DEPRECATED_IN_1_0 ATTRIB_DEPRECATED
# define ATTRIB_DEPRECATED_IN_1_0_FOR(f) ATTRIB_DEPRECATED_FOR (f)
#else
# define ATTRIB_DEPRECATED_IN_1_0 _ATTRIB_EXTERN
# define ATTRIB_DEPRECATED_IN_1_0_FOR(f) _ATTRIB_EXTERN
#endif

#if ATTRIB_VERSION_MAX_ALLOWED < ATTRIB_VERSION_1_0
# define ATTRIB_AVAILABLE_IN_1_0 ATTRIB_UNAVAILABLE (1, 0)
#else
# define ATTRIB_AVAILABLE_IN_1_0 _ATTRIB_EXTERN
#endif
