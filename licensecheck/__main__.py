# SPDX-License-Identifier: Apache-2.0
"""`python -m licensecheck`."""

from licensecheck.cli import main

main()
