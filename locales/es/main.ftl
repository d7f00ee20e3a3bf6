# Español. Palabras sencillas y frases cortas (nivel de lectura de 8.º grado).
# Cada mensaje debe estar también en en/main.ftl y zh-Hant/main.ftl.

## Marco de la página

service-name = Trayectorias Profesionales de IHSS
skip-link = Saltar al contenido principal
language-switch-label = Elegir idioma
nav-label = Menú principal
nav-home = Inicio
nav-courses = Buscar un curso
footer-help-heading = ¿Necesita ayuda?
footer-help-course = Si tiene preguntas sobre cómo inscribirse en un curso, comuníquese con la escuela o el grupo que lo enseña. Encontrará sus datos de contacto en la página de cada curso.
help-desk-label = Centro de Ayuda de IHSS (teléfono)
help-email-label = Correo de Trayectorias Profesionales
footer-free = La capacitación de Trayectorias Profesionales es gratis. Nunca tiene que pagar para participar.

## Página de inicio

home-title = Capacitación gratis para proveedores de IHSS y WPCS
home-lead = El Programa de Trayectorias Profesionales de IHSS ofrece clases gratis a los proveedores de cuidado en el hogar en California. Usted aprende nuevas habilidades y le pueden pagar por el tiempo que pasa en clase.
home-catalog-link = Buscar un curso
home-benefits-heading = Lo que recibe
home-benefit-free = Las clases son gratis. Nunca paga una cuota.
home-benefit-paid = Le pueden pagar por su tiempo en clase, según el salario por hora de su condado.
home-benefit-incentive = Puede ganar pagos de incentivo adicionales cuando termina suficientes horas en una trayectoria.
home-benefit-languages = Muchas clases se enseñan en español, chino y otros idiomas.
home-who-heading = Quién puede participar
home-who-text = Pueden participar los proveedores de IHSS y WPCS que han terminado su inscripción como proveedor. Esto incluye a los proveedores del registro y de respaldo, aunque ahora no tengan un beneficiario.
home-pathways-heading = Cinco trayectorias
home-pathways-text = Las clases se agrupan en cinco trayectorias. Las clases generales son útiles para todos los proveedores. Las clases especializadas le ayudan a cuidar a personas con necesidades más complejas.
home-help-heading = ¿Tiene preguntas?
home-help-course = Si tiene preguntas sobre cómo inscribirse en un curso, comuníquese con la escuela o el grupo que lo enseña. Su teléfono y correo están en la página de cada curso.
home-help-other = Si tiene preguntas sobre pagos o cualquier otra cosa, llámenos o escríbanos.

## Trayectorias, categorías y formas de enseñar

pathway-GHS = Salud y Seguridad General
pathway-AED = Educación para Adultos
pathway-CIB = Deterioro Cognitivo y Salud del Comportamiento
pathway-CPC = Necesidades Complejas de Cuidado Físico
pathway-THC = Regreso a la Vida en el Hogar y la Comunidad
category-1 = General
category-2 = Especializada
modality-online-instructor = En línea con un maestro
modality-self-paced = En línea a su propio ritmo
modality-in-person = En persona

## Nombres de los idiomas de los cursos

language-name-en = Inglés
language-name-es = Español
language-name-zh-Hant = Chino (tradicional)
language-name-zh-Hans = Chino (simplificado)
language-name-zh = Chino
language-name-hy = Armenio
language-name-ko = Coreano
language-name-ru = Ruso
language-name-vi = Vietnamita
language-name-tl = Tagalo
language-name-fa = Persa (farsi)
language-name-ar = Árabe
language-name-pa = Panyabí
language-name-hmn = Hmong
language-name-km = Jemer (camboyano)
language-name-ja = Japonés

## Lista de cursos

catalog-title = Buscar un curso
catalog-lead = Todos los cursos de esta lista están aprobados por el programa y son gratis para los proveedores.
filter-heading = Filtrar cursos
filter-pathway-label = Trayectoria
filter-pathway-hint = El tema del curso.
filter-category-label = Categoría
filter-category-hint = Los cursos generales son para todos los proveedores. Los cursos especializados tratan del cuidado de personas con necesidades especiales.
filter-modality-label = Cómo se enseña
filter-modality-hint = En línea con un maestro, en línea a su propio ritmo o en un salón de clases.
filter-language-label = Idioma
filter-language-hint = El idioma en que se enseña el curso.
filter-any = Cualquiera
filter-submit = Mostrar cursos
filter-clear = Quitar todos los filtros
catalog-count =
    { $count ->
        [0] No se encontraron cursos
        [one] Se encontró 1 curso
       *[other] Se encontraron { $shown } cursos
    }
catalog-none = Ningún curso coincide con lo que eligió. Pruebe quitar un filtro.
catalog-page-of = Página { $page } de { $pages }
catalog-fix-filters = Corrija el problema de arriba para ver los cursos
pagination-label = Páginas de resultados
pagination-previous = Página anterior
pagination-next = Página siguiente

## Un curso

course-number = Número del curso
course-pathway = Trayectoria
course-category = Categoría
course-hours = Horas de crédito
course-hours-value =
    { $count ->
        [one] { $hours } hora
       *[other] { $hours } horas
    }
course-modality = Cómo se enseña
course-languages = Idiomas
course-vendor = Lo enseña
course-sessions-upcoming =
    { $count ->
        [0] No hay clases próximas en la lista
        [one] 1 clase próxima
       *[other] { $shown } clases próximas
    }
course-register-vendor-site = Inscríbase en el sitio web de la escuela
course-back = Volver a todos los cursos
course-free-note = Este curso es gratis. Es posible que le paguen por su tiempo en clase.
course-register-heading = Cómo inscribirse
course-register-external = La escuela que enseña este curso inscribe a las personas en su propio sitio web.
course-register-link = Inscribirse en el sitio web de la escuela
course-register-contact = Para inscribirse en una clase, comuníquese con la escuela usando los datos de abajo.
course-sessions-heading = Próximas clases
course-sessions-none = Ahora no hay clases programadas. Comuníquese con la escuela para preguntar por nuevas fechas.
session-starts = Empieza
session-ends = Termina
session-place = Dónde
session-seats = Cupos
session-seats-value =
    { $count ->
        [one] 1 cupo
       *[other] { $shown } cupos
    }
session-seats-unlimited = Sin límite
session-online = En línea
vendor-heading = Preguntas sobre la inscripción
vendor-intro = Si tiene preguntas sobre cómo inscribirse en este curso, comuníquese con la escuela que lo enseña.
vendor-name = Nombre
vendor-email = Correo electrónico
vendor-phone = Teléfono
vendor-website = Sitio web
vendor-other-questions = Si tiene preguntas sobre pagos, llame al Centro de Ayuda de IHSS o escriba a Trayectorias Profesionales. Sus datos están al final de esta página.

## Errores

error-summary-title = Hay un problema
error-prefix = Error:
error-pathway-invalid = Elija una trayectoria de la lista
error-category-invalid = Elija General o Especializada de la lista
error-modality-invalid = Elija de la lista cómo se enseña el curso
error-language-invalid = Elija un idioma de la lista
error-page-invalid = El número de página debe ser un número entero, 1 o mayor
error-per-page-invalid = La cantidad de resultados por página debe ser un número entero del 1 al 100
not-found-title = No se encontró la página
not-found-text = No pudimos encontrar esta página. Si escribió la dirección web, revise que esté bien. También es posible que el curso ya no esté en la lista.
not-found-api = No se encontró ningún curso ni página en esta dirección.
bad-request-title = Hay un problema con esta solicitud
server-error-title = Lo sentimos, algo salió mal de nuestro lado
server-error-text = Por favor, vuelva a intentarlo en unos minutos.
error-catalog-link = Ir a la lista de cursos
error-help = Si esto sigue pasando, llame al Centro de Ayuda de IHSS o escriba a Trayectorias Profesionales.
