// Package awsclient is what every AWS client of ecsgen is made with: the
// configuration (the SDK's standard chain, with ecsgen's retries and
// timeouts) and the explanation of the errors AWS answers. It stands apart
// from the image and stack packages, which both use it, so that the image
// package, and the program that builds images, link none of the stack's
// AWS services.
package awsclient
