/* qrt: the library's version. The project's CMakeLists.txt reads its version from this file, so
 * the macros, qrt_version(), the installed package version and `qrt --version` always agree.
 * Semantic versioning: a major change may break the C API or the blob format. */
#ifndef QRT_VERSION_H
#define QRT_VERSION_H

#define QRT_VERSION_MAJOR 0
#define QRT_VERSION_MINOR 1
#define QRT_VERSION_PATCH 0
#define QRT_VERSION_STRING "0.1.0"
/* One number for compile-time comparisons: QRT_VERSION >= 100 means 0.1.0 or later. */
#define QRT_VERSION (QRT_VERSION_MAJOR * 10000 + QRT_VERSION_MINOR * 100 + QRT_VERSION_PATCH)

#ifdef __cplusplus
extern "C" {
#endif

/* The version of the linked library ("0.1.0"), which may differ from the QRT_VERSION_STRING a
 * firmware was compiled against when it links a prebuilt archive. Static, never NULL. */
const char* qrt_version(void);

#ifdef __cplusplus
}
#endif

#endif /* QRT_VERSION_H */
