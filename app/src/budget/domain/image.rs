//! A project's image: its kind is read from the file's first bytes, never from its name or what
//! the browser claims, its size is bounded, and it comes with a description for those who cannot
//! see it.
pub use crate::platform::files::ImageKind;

/// The largest image accepted, in bytes: a phone photo fits.
pub const MAX_IMAGE_BYTES: usize = 5 * 1024 * 1024;

/// The longest description accepted, in characters.
const MAX_DESCRIPTION_CHARS: usize = 250;

/// Why an image was refused; the code travels in the address back to the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageProblem {
    Missing,
    TooLarge,
    NotAnImage,
    NoDescription,
    LongDescription,
}

impl ImageProblem {
    const ALL: [ImageProblem; 5] = [
        ImageProblem::Missing,
        ImageProblem::TooLarge,
        ImageProblem::NotAnImage,
        ImageProblem::NoDescription,
        ImageProblem::LongDescription,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ImageProblem::Missing => "absente",
            ImageProblem::TooLarge => "trop-lourde",
            ImageProblem::NotAnImage => "format",
            ImageProblem::NoDescription => "description",
            ImageProblem::LongDescription => "description-longue",
        }
    }

    pub fn from_code(code: &str) -> Option<ImageProblem> {
        ImageProblem::ALL.into_iter().find(|problem| problem.code() == code)
    }

    pub fn message(self) -> &'static str {
        match self {
            ImageProblem::Missing => "Choisissez un fichier image.",
            ImageProblem::TooLarge => "L'image dépasse 5 Mo : réduisez-la avant de l'envoyer.",
            ImageProblem::NotAnImage => "Ce fichier n'est pas une image JPEG, PNG ou WebP.",
            ImageProblem::NoDescription => {
                "Décrivez l'image en quelques mots, pour les personnes qui ne la voient pas."
            }
            ImageProblem::LongDescription => "La description de l'image dépasse 250 caractères.",
        }
    }
}

/// An image ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectImage {
    pub kind: ImageKind,
    pub bytes: Vec<u8>,
    pub description: String,
}

/// Checks an uploaded file and its description; the first problem found is returned.
pub fn check_image(bytes: Vec<u8>, description: &str) -> Result<ProjectImage, ImageProblem> {
    if bytes.is_empty() {
        return Err(ImageProblem::Missing);
    }
    if bytes.len() > MAX_IMAGE_BYTES {
        return Err(ImageProblem::TooLarge);
    }
    let kind = ImageKind::sniff(&bytes).ok_or(ImageProblem::NotAnImage)?;
    let description = description.split_whitespace().collect::<Vec<_>>().join(" ");
    if description.is_empty() {
        return Err(ImageProblem::NoDescription);
    }
    if description.chars().count() > MAX_DESCRIPTION_CHARS {
        return Err(ImageProblem::LongDescription);
    }
    Ok(ProjectImage { kind, bytes, description })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];

    #[test]
    fn kinds_come_from_the_bytes() {
        assert_eq!(ImageKind::sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0]), Some(ImageKind::Jpeg));
        assert_eq!(ImageKind::sniff(PNG), Some(ImageKind::Png));
        assert_eq!(ImageKind::sniff(b"RIFF\x10\0\0\0WEBPVP8 "), Some(ImageKind::Webp));
        assert_eq!(ImageKind::sniff(b"RIFF\x10\0\0\0WAVEfmt "), None);
        assert_eq!(ImageKind::sniff(b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script/></svg>"), None);
        assert_eq!(ImageKind::sniff(b"GIF89a"), None);
        assert_eq!(ImageKind::sniff(&[0xFF, 0xD8]), None);
    }

    #[test]
    fn images_are_checked_in_order() {
        assert_eq!(check_image(Vec::new(), "Un jardin"), Err(ImageProblem::Missing));
        let large = [PNG, &vec![0; MAX_IMAGE_BYTES]].concat();
        assert_eq!(check_image(large, "Un jardin"), Err(ImageProblem::TooLarge));
        assert_eq!(check_image(b"%PDF-1.7".to_vec(), "Un jardin"), Err(ImageProblem::NotAnImage));
        assert_eq!(check_image(PNG.to_vec(), "  \n "), Err(ImageProblem::NoDescription));
        assert_eq!(check_image(PNG.to_vec(), &"é".repeat(251)), Err(ImageProblem::LongDescription));
        let image = check_image(PNG.to_vec(), "  Le jardin\r\n au printemps ").unwrap();
        assert_eq!((image.kind, image.description.as_str()), (ImageKind::Png, "Le jardin au printemps"));
        assert_eq!(check_image(vec![0xFF, 0xD8, 0xFF, 0xDB], &"é".repeat(250)).unwrap().kind, ImageKind::Jpeg);
    }

    #[test]
    fn problem_codes_round_trip() {
        for problem in ImageProblem::ALL {
            assert_eq!(ImageProblem::from_code(problem.code()), Some(problem));
        }
        assert_eq!(ImageProblem::from_code("autre"), None);
    }
}
