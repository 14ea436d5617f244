"""Pure text processing: sentence segmentation and anchoring, no Django imports."""
