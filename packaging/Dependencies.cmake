# SPDX-License-Identifier: MIT
# Every library and tool the build looks for goes through these two functions, each naming the
# Debian 12 package that provides it. So a missing one fails with the package to install, and a
# package the build needs but packaging/debian12-packages.txt does not list (which `./dev.sh`
# would then never install on a fresh machine) fails the configure on every machine, including
# the developer's own that happens to have it. packaging/check-dependencies.sh (run by dev.sh
# and by the test suite) refuses a find_package() or pkg_check_modules() written elsewhere.
#
#   sagascope_find_package(<Package> [<version>] [COMPONENTS <c>...] DEBIAN <deb-package>...)
#   sagascope_pkg_check_modules(<PREFIX> <module>... DEBIAN <deb-package>...)

set(SAGASCOPE_PACKAGE_LIST "${CMAKE_CURRENT_LIST_DIR}/debian12-packages.txt")
file(STRINGS "${SAGASCOPE_PACKAGE_LIST}" _sagascope_listed REGEX "^[a-z0-9]")
list(TRANSFORM _sagascope_listed STRIP)

function(_sagascope_check_listed what)
    foreach(deb IN LISTS ARGN)
        if(NOT deb IN_LIST _sagascope_listed)
            message(FATAL_ERROR
                "${what} comes from the Debian package '${deb}', which "
                "packaging/debian12-packages.txt does not list: add it there, so that "
                "./dev.sh installs it on a fresh Debian 12.")
        endif()
    endforeach()
endfunction()

function(_sagascope_missing what)
    list(JOIN ARGN " " debs)
    message(FATAL_ERROR
        "Could not find ${what}. On Debian 12 it comes from: ${debs}\n"
        "Run ./dev.sh (it installs every package of packaging/debian12-packages.txt), "
        "or: sudo apt-get install ${debs}")
endfunction()

macro(sagascope_find_package name)
    cmake_parse_arguments(_sfp "" "" "DEBIAN;COMPONENTS" ${ARGN})
    if(NOT _sfp_DEBIAN)
        message(FATAL_ERROR "sagascope_find_package(${name}): name the Debian package (DEBIAN ...)")
    endif()
    _sagascope_check_listed("${name} ${_sfp_COMPONENTS}" ${_sfp_DEBIAN})
    if(_sfp_COMPONENTS)
        find_package(${name} ${_sfp_UNPARSED_ARGUMENTS} QUIET COMPONENTS ${_sfp_COMPONENTS})
        foreach(_sfp_c IN LISTS _sfp_COMPONENTS)
            if(NOT ${name}${_sfp_c}_FOUND)
                _sagascope_missing("${name}${_sfp_c} (CMake package ${name}, component ${_sfp_c})" ${_sfp_DEBIAN})
            endif()
        endforeach()
    else()
        find_package(${name} ${_sfp_UNPARSED_ARGUMENTS} QUIET)
    endif()
    if(NOT ${name}_FOUND)
        _sagascope_missing("${name} (CMake package)" ${_sfp_DEBIAN})
    endif()
endmacro()

macro(sagascope_pkg_check_modules prefix)
    cmake_parse_arguments(_spm "" "" "DEBIAN" ${ARGN})
    if(NOT _spm_DEBIAN)
        message(FATAL_ERROR "sagascope_pkg_check_modules(${prefix}): name the Debian package (DEBIAN ...)")
    endif()
    _sagascope_check_listed("pkg-config modules ${_spm_UNPARSED_ARGUMENTS}" ${_spm_DEBIAN})
    pkg_check_modules(${prefix} QUIET IMPORTED_TARGET ${_spm_UNPARSED_ARGUMENTS})
    if(NOT ${prefix}_FOUND)
        _sagascope_missing("the pkg-config modules ${_spm_UNPARSED_ARGUMENTS}" ${_spm_DEBIAN})
    endif()
endmacro()

#   sagascope_find_program(<VAR> <program> DEBIAN <deb-package>...)
# A program the build or the tests run (dot, sqlite3, ...): found on PATH, or the package named.
function(sagascope_find_program var program)
    cmake_parse_arguments(_sfg "" "" "DEBIAN" ${ARGN})
    if(NOT _sfg_DEBIAN)
        message(FATAL_ERROR "sagascope_find_program(${program}): name the Debian package (DEBIAN ...)")
    endif()
    _sagascope_check_listed("The program ${program}" ${_sfg_DEBIAN})
    find_program(${var} ${program})
    if(NOT ${var})
        _sagascope_missing("the program ${program}" ${_sfg_DEBIAN})
    endif()
endfunction()
