/* attrib.h: the libattrib umbrella header
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#define __ATTRIB_INSIDE__

#include <attrib/attrib-version.h>
#include <attrib/attrib-version-macros.h>
#include <attrib/attrib-types.h>
#include <attrib/attrib-enums.h>
#include <attrib/attrib-enum-types.h>
#include <attrib/attrib-assignment.h>
#include <attrib/attrib-audit.h>
#include <attrib/attrib-calculator.h>
#include <attrib/attrib-claim.h>
#include <attrib/attrib-commission-line.h>
#include <attrib/attrib-commission-plan.h>
#include <attrib/attrib-engine.h>
#include <attrib/attrib-error.h>
#include <attrib/attrib-event.h>
#include <attrib/attrib-ledger.h>
#include <attrib/attrib-library.h>
#include <attrib/attrib-money.h>
#include <attrib/attrib-person.h>
#include <attrib/attrib-phone.h>
#include <attrib/attrib-profile.h>
#include <attrib/attrib-receipt.h>
#include <attrib/attrib-rotation.h>
#include <attrib/attrib-statement.h>
#include <attrib/attrib-store.h>
#include <attrib/attrib-time.h>
#include <attrib/attrib-verdict.h>
#include <attrib/attrib-watch.h>

#undef __ATTRIB_INSIDE__
